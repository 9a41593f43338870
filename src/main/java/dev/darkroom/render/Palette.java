package dev.darkroom.render;

import java.awt.Color;
import java.util.Random;

/**
 * The sky colours of a location, top to horizon, chosen from the time of day in the text; every
 * landscape layer takes its colour from here so a scene hangs together.
 */
record Palette(Color top, Color mid, Color low, boolean night, boolean warm) {

    static Palette choose(Random r, String text, boolean storm) {
        Palette[] dusk = {
            new Palette(new Color(0x141A36), new Color(0x4A3A66), new Color(0xD07A5A), false, true),
            new Palette(new Color(0x0D1B2A), new Color(0x2E4A62), new Color(0xC29A7A), false, true),
            new Palette(new Color(0x0B1E2B), new Color(0x24505E), new Color(0x8FB0A8), false, false),
            new Palette(new Color(0x1A1030), new Color(0x5A2E5A), new Color(0xE0956A), false, true),
        };
        Palette[] night = {
            new Palette(new Color(0x03050C), new Color(0x0C1430), new Color(0x2A3A5E), true, false),
            new Palette(new Color(0x05060A), new Color(0x131A2C), new Color(0x34405A), true, false),
        };
        Palette dawn = new Palette(new Color(0x2A3A58), new Color(0x8A8CA6), new Color(0xE8BFA2), false, true);
        Palette stormy = new Palette(new Color(0x101317), new Color(0x262C34), new Color(0x4C545E), false, false);

        Palette p;
        if (storm) {
            p = stormy;
        } else if (Keywords.DAWN.matcher(text).find()) {
            p = dawn;
        } else if (Keywords.NIGHT.matcher(text).find()) {
            p = night[r.nextInt(night.length)];
        } else {
            int pick = r.nextInt(dusk.length + 1);
            p = pick < dusk.length ? dusk[pick] : night[0];
        }
        if (Keywords.DARK.matcher(text).find()) {
            p = new Palette(Colors.mix(p.top(), Color.BLACK, 0.4), Colors.mix(p.mid(), Color.BLACK, 0.45),
                    Colors.mix(p.low(), Color.BLACK, 0.45), true, false);
        }
        return p;
    }

    /** Silhouette colour for a layer at {@code depth} (0 = far and hazy, 1 = near and dark). */
    Color layer(double depth) {
        Color far = Colors.mix(low, mid, 0.5);
        far = Colors.mix(far, Color.BLACK, 0.35);
        Color near = Colors.mix(top, Color.BLACK, 0.75);
        return Colors.mix(far, near, depth);
    }
}
