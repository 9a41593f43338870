package dev.darkroom.render;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.LinearGradientPaint;
import java.awt.RadialGradientPaint;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.util.Random;

/** Sky gradients with moon, sun glow, stars and clouds, and the occasional lightning bolt. */
final class Skies {

    private Skies() {
    }

    static void sky(Graphics2D g, Random r, Palette pal, int w, int h, double horizon, boolean overcast) {
        g.setPaint(new LinearGradientPaint(new Point2D.Double(0, 0), new Point2D.Double(0, horizon),
                new float[] {0f, 0.6f, 1f}, new Color[] {pal.top(), pal.mid(), pal.low()}));
        g.fillRect(0, 0, w, (int) Math.ceil(horizon) + 2);
        g.setColor(pal.low());
        g.fillRect(0, (int) horizon, w, h - (int) horizon);
        double s = Math.min(w, h);
        if (pal.night() && !overcast) {
            for (int i = 0; i < 120; i++) {
                double x = r.nextDouble() * w;
                double y = Math.pow(r.nextDouble(), 1.5) * horizon * 0.8;
                double rad = (0.4 + r.nextDouble() * 0.9) * s / 512;
                g.setColor(new Color(255, 255, 240, 60 + r.nextInt(160)));
                g.fill(new Ellipse2D.Double(x - rad, y - rad, rad * 2, rad * 2));
            }
        }
        if (pal.night() || r.nextInt(3) == 0) {
            double mx = w * (0.15 + r.nextDouble() * 0.7);
            double my = horizon * (0.18 + r.nextDouble() * 0.3);
            double mr = s * 0.045;
            int haloA = overcast ? 50 : 80;
            g.setPaint(new RadialGradientPaint(new Point2D.Double(mx, my), (float) (mr * 6),
                    new float[] {0f, 0.25f, 1f},
                    new Color[] {new Color(230, 235, 255, haloA), new Color(200, 210, 240, haloA / 3),
                        new Color(200, 210, 240, 0)}));
            g.fill(new Ellipse2D.Double(mx - mr * 6, my - mr * 6, mr * 12, mr * 12));
            g.setColor(new Color(238, 236, 222, overcast ? 120 : 235));
            g.fill(new Ellipse2D.Double(mx - mr, my - mr, mr * 2, mr * 2));
            g.setColor(new Color(180, 180, 170, overcast ? 30 : 60));
            g.fill(new Ellipse2D.Double(mx - mr * 0.4, my - mr * 0.3, mr * 0.5, mr * 0.4));
            g.fill(new Ellipse2D.Double(mx + mr * 0.1, my + mr * 0.2, mr * 0.35, mr * 0.3));
        } else if (pal.warm()) {
            double sx = w * (0.2 + r.nextDouble() * 0.6);
            g.setPaint(new RadialGradientPaint(new Point2D.Double(sx, horizon), (float) (s * 0.5),
                    new float[] {0f, 0.3f, 1f},
                    new Color[] {new Color(255, 200, 140, 150), new Color(255, 170, 110, 50),
                        new Color(255, 150, 100, 0)}));
            g.fillRect(0, 0, w, (int) horizon + 1);
        }
        // Long streaky clouds, darker than the sky so they read against the glow.
        int clouds = overcast ? 26 : 10;
        for (int i = 0; i < clouds; i++) {
            double cy = Math.pow(r.nextDouble(), overcast ? 1.0 : 0.7) * horizon * 0.85;
            double cw = w * (0.25 + r.nextDouble() * 0.5);
            double ch = s * (0.015 + r.nextDouble() * (overcast ? 0.06 : 0.03));
            double cx = r.nextDouble() * w * 1.2 - w * 0.2;
            Color c = Colors.mix(pal.top(), Color.BLACK, 0.2);
            // Stacked translucent ellipses give a soft edge without an expensive blur.
            for (int k = 0; k < 4; k++) {
                double shrink = k * 0.16;
                g.setColor(Colors.alpha(c, overcast ? 20 : 15));
                g.fill(new Ellipse2D.Double(cx + cw * shrink / 2, cy + ch * shrink / 2 + (r.nextDouble() - 0.5) * ch * 0.3,
                        cw * (1 - shrink), ch * (1 - shrink)));
            }
            g.setColor(Colors.alpha(Colors.mix(pal.low(), Color.WHITE, 0.2), overcast ? 8 : 14));
            g.fill(new Ellipse2D.Double(cx + cw * 0.15, cy + ch * 0.6, cw * 0.7, ch * 0.3));
        }
    }

    static void lightning(Graphics2D g, Random r, int w, double horizon) {
        Path2D bolt = new Path2D.Double();
        double x = w * (0.2 + r.nextDouble() * 0.6);
        double y = 0;
        bolt.moveTo(x, y);
        while (y < horizon * 0.95) {
            y += horizon * (0.04 + r.nextDouble() * 0.06);
            x += (r.nextDouble() - 0.5) * w * 0.06;
            bolt.lineTo(x, y);
        }
        g.setPaint(new Color(200, 210, 255, 30));
        g.fillRect(0, 0, w, (int) horizon);
        g.setStroke(new BasicStroke((float) (w / 60.0), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.setColor(new Color(180, 190, 255, 40));
        g.draw(bolt);
        g.setStroke(new BasicStroke((float) Math.max(1, w / 300.0), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.setColor(new Color(240, 245, 255, 230));
        g.draw(bolt);
    }
}
