package dev.darkroom.render;

import java.awt.Color;
import java.util.Random;

/** Colour arithmetic shared by every painter: blends, transparency and seeded variation. */
final class Colors {

    private Colors() {
    }

    static Color mix(Color a, Color b, double t) {
        double u = Math.max(0, Math.min(1, t));
        return new Color(
                (int) Math.round(a.getRed() + (b.getRed() - a.getRed()) * u),
                (int) Math.round(a.getGreen() + (b.getGreen() - a.getGreen()) * u),
                (int) Math.round(a.getBlue() + (b.getBlue() - a.getBlue()) * u),
                (int) Math.round(a.getAlpha() + (b.getAlpha() - a.getAlpha()) * u));
    }

    static Color alpha(Color c, int a) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), Math.max(0, Math.min(255, a)));
    }

    static Color jitter(Color c, Random r, int amount) {
        int d = r.nextInt(amount * 2 + 1) - amount;
        return new Color(clamp(c.getRed() + d + r.nextInt(5) - 2), clamp(c.getGreen() + d + r.nextInt(5) - 2),
                clamp(c.getBlue() + d + r.nextInt(5) - 2));
    }

    static int clamp(int v) {
        return v < 0 ? 0 : Math.min(255, v);
    }
}
