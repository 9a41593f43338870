package dev.darkroom.render;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.util.Random;

/**
 * Composes a location shot: picks the kind of place and the weather from keywords, paints it in
 * depth order and adds the caption strip.
 */
final class LocationScene {

    /** The kind of place, from the first keyword group that matches; hills when nothing does. */
    private enum Place { INTERIOR, WATER, TREES, STREET, HOUSE, HILLS }

    private LocationScene() {
    }

    static void paint(Graphics2D g, Random r, String title, String titleLc, String allLc, int w, int h,
                      boolean caption) {
        Place place = classify(titleLc);
        if (place == Place.HILLS) {
            place = classify(allLc);
        }
        boolean fog = Keywords.FOG.matcher(allLc).find();
        boolean rain = Keywords.RAIN.matcher(allLc).find();
        boolean storm = Keywords.STORM.matcher(allLc).find();
        Palette pal = Palette.choose(r, allLc, storm);

        if (place == Place.INTERIOR) {
            Interiors.room(g, r, pal, allLc, w, h, rain, fog);
        } else {
            double horizon = h * (place == Place.WATER ? 0.56 : 0.64);
            Skies.sky(g, r, pal, w, h, horizon, rain || storm || fog);
            if (storm && r.nextInt(3) != 0) {
                Skies.lightning(g, r, w, horizon);
            }
            switch (place) {
                case WATER -> Waterfronts.water(g, r, pal, allLc, w, h, horizon);
                case TREES -> Landscapes.trees(g, r, pal, allLc, w, h, horizon, fog);
                case STREET -> Buildings.street(g, r, pal, w, h, horizon);
                case HOUSE -> Buildings.manor(g, r, pal, allLc, w, h, horizon);
                default -> Landscapes.hills(g, r, pal, w, h, horizon);
            }
            if (fog && place != Place.TREES) {
                Weather.fog(g, r, pal, w, h, horizon);
            }
            if (rain) {
                Weather.rain(g, r, w, h, new Rectangle2D.Double(0, 0, w, h), storm ? 1.6 : 1.0);
            }
        }
        Film.vignette(g, w, h, 0.5f, 150);
        if (caption) {
            caption(g, title, w, h);
        }
    }

    private static Place classify(String text) {
        if (Keywords.INTERIOR.matcher(text).find()) {
            return Place.INTERIOR;
        }
        if (Keywords.WATER.matcher(text).find()) {
            return Place.WATER;
        }
        if (Keywords.TREES.matcher(text).find()) {
            return Place.TREES;
        }
        if (Keywords.STREET.matcher(text).find()) {
            return Place.STREET;
        }
        if (Keywords.HOUSE.matcher(text).find()) {
            return Place.HOUSE;
        }
        return Place.HILLS;
    }

    private static void caption(Graphics2D g, String title, int w, int h) {
        double s = Math.min(w, h);
        double stripH = Math.max(24, h * 0.11);
        double y = h - stripH;
        g.setPaint(new GradientPaint(0, (float) (y - stripH * 0.6), new Color(0, 0, 0, 0), 0, (float) y,
                new Color(0, 0, 0, 150)));
        g.fill(new Rectangle2D.Double(0, y - stripH * 0.6, w, stripH * 0.6));
        g.setColor(new Color(8, 8, 10, 190));
        g.fill(new Rectangle2D.Double(0, y, w, stripH));
        g.setColor(new Color(200, 170, 110, 160));
        g.setStroke(new BasicStroke((float) Math.max(1, s / 400)));
        g.draw(new Line2D.Double(s * 0.05, y + stripH * 0.18, s * 0.05, y + stripH * 0.82));
        if (title.isEmpty()) {
            return;
        }
        Font f = new Font(Font.SERIF, Font.PLAIN, 1).deriveFont((float) (stripH * 0.46));
        g.setColor(new Color(238, 230, 212));
        Text.fitted(g, title, f, s * 0.075, y + stripH * 0.65, w - s * 0.12);
    }
}
