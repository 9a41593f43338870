package dev.darkroom.render;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.LinearGradientPaint;
import java.awt.RadialGradientPaint;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.util.Random;

/** Harbours, lakes and shores: reflective water, a lighthouse, boats and a pier with its warehouses. */
final class Waterfronts {

    private Waterfronts() {
    }

    static void water(Graphics2D g, Random r, Palette pal, String text, int w, int h, double horizon) {
        double s = Math.min(w, h);
        // Water mirrors the sky: same colours, flipped and darkened.
        g.setPaint(new LinearGradientPaint(new Point2D.Double(0, horizon), new Point2D.Double(0, h),
                new float[] {0f, 0.4f, 1f},
                new Color[] {Colors.mix(pal.low(), Color.BLACK, 0.25), Colors.mix(pal.mid(), Color.BLACK, 0.45),
                    Colors.mix(pal.top(), Color.BLACK, 0.55)}));
        g.fill(new Rectangle2D.Double(0, horizon, w, h - horizon));

        // Far shore with a lighthouse or scattered lights.
        Color shore = pal.layer(0.35);
        g.setColor(shore);
        Path2D far = new Path2D.Double();
        double shoreEnd = w * (0.35 + r.nextDouble() * 0.3);
        boolean shoreLeft = r.nextBoolean();
        far.moveTo(shoreLeft ? -2 : w + 2, horizon + 1);
        for (int i = 0; i <= 40; i++) {
            double t = i / 40.0;
            double x = shoreLeft ? t * shoreEnd : w - t * shoreEnd;
            double y = horizon - s * 0.05 * Math.sin((1 - t) * Math.PI / 2) - s * 0.01 * Math.sin(t * 17 + 2);
            far.lineTo(x, y);
        }
        far.closePath();
        g.fill(far);
        double lhX = shoreLeft ? shoreEnd * 0.85 : w - shoreEnd * 0.85;
        double lhY = horizon - s * 0.02;
        Path2D tower = new Path2D.Double();
        tower.moveTo(lhX - s * 0.012, lhY);
        tower.lineTo(lhX - s * 0.007, lhY - s * 0.09);
        tower.lineTo(lhX + s * 0.007, lhY - s * 0.09);
        tower.lineTo(lhX + s * 0.012, lhY);
        tower.closePath();
        g.fill(tower);
        double lampY = lhY - s * 0.1;
        g.setPaint(new RadialGradientPaint(new Point2D.Double(lhX, lampY), (float) (s * 0.08),
                new float[] {0f, 0.15f, 1f},
                new Color[] {new Color(255, 240, 200, 230), new Color(255, 220, 150, 90), new Color(255, 220, 150, 0)}));
        g.fill(new Ellipse2D.Double(lhX - s * 0.08, lampY - s * 0.08, s * 0.16, s * 0.16));
        double dir = shoreLeft ? 1 : -1;
        Path2D beam = new Path2D.Double();
        beam.moveTo(lhX, lampY);
        beam.lineTo(lhX + dir * w * 0.6, lampY - s * 0.08);
        beam.lineTo(lhX + dir * w * 0.6, lampY + s * 0.02);
        beam.closePath();
        g.setPaint(new GradientPaint((float) lhX, (float) lampY, new Color(255, 240, 200, 50),
                (float) (lhX + dir * w * 0.6), (float) lampY, new Color(255, 240, 200, 0)));
        g.fill(beam);
        reflectionColumn(g, r, lhX, horizon, h, s * 0.02, new Color(255, 220, 150), s);

        // Shimmer: short horizontal highlights, denser and longer near the viewer.
        g.setStroke(new BasicStroke((float) Math.max(1, s / 500)));
        for (int i = 0; i < 160; i++) {
            double t = r.nextDouble();
            double y = horizon + (h - horizon) * t * t;
            double len = s * (0.01 + t * 0.08) * (0.5 + r.nextDouble());
            double x = r.nextDouble() * w;
            g.setColor(Colors.alpha(Colors.mix(pal.low(), Color.WHITE, 0.3), 20 + r.nextInt(40)));
            g.draw(new Line2D.Double(x, y, x + len, y));
        }

        if (Keywords.JETTY.matcher(text).find()) {
            pier(g, r, pal, w, h, horizon, s);
        } else {
            boat(g, pal, w * (0.3 + r.nextDouble() * 0.4), horizon + (h - horizon) * 0.45, s * 0.16, s);
            g.setColor(pal.layer(1.0));
            g.fill(Landscapes.ridge(r, w, h, h * 0.97, s * 0.02, 0.3));
        }
    }

    static void reflectionColumn(Graphics2D g, Random r, double x, double top, double bottom, double width,
                                 Color c, double s) {
        g.setStroke(new BasicStroke((float) Math.max(1, s / 400)));
        for (double y = top + 2; y < bottom; y += s * 0.008) {
            double t = (y - top) / (bottom - top);
            double half = width * (0.5 + t * 2) * (0.4 + r.nextDouble() * 0.8);
            g.setColor(Colors.alpha(c, (int) (120 * (1 - t) * (0.4 + r.nextDouble() * 0.6))));
            g.draw(new Line2D.Double(x - half, y, x + half, y));
        }
    }

    private static void boat(Graphics2D g, Palette pal, double x, double waterY, double len, double s) {
        Color c = pal.layer(0.85);
        Path2D hull = new Path2D.Double();
        hull.moveTo(x - len / 2, waterY - len * 0.12);
        hull.lineTo(x + len / 2, waterY - len * 0.14);
        hull.lineTo(x + len * 0.38, waterY);
        hull.lineTo(x - len * 0.42, waterY);
        hull.closePath();
        g.setColor(c);
        g.fill(hull);
        g.fill(new Rectangle2D.Double(x - len * 0.02, waterY - len * 0.9, len * 0.025, len * 0.8));
        Path2D sail = new Path2D.Double();
        sail.moveTo(x + len * 0.01, waterY - len * 0.85);
        sail.lineTo(x + len * 0.01, waterY - len * 0.2);
        sail.lineTo(x + len * 0.35, waterY - len * 0.2);
        sail.closePath();
        g.setColor(Colors.alpha(c, 200));
        g.fill(sail);
        // Broken, fading mirror image below the waterline.
        AffineTransform old = g.getTransform();
        g.translate(0, waterY * 2);
        g.scale(1, -1);
        g.setColor(Colors.alpha(c, 70));
        g.fill(hull);
        g.fill(sail);
        g.setTransform(old);
    }

    private static void pier(Graphics2D g, Random r, Palette pal, int w, int h, double horizon, double s) {
        Color c = pal.layer(1.0);
        boolean fromLeft = r.nextBoolean();
        // Pier runs from the near corner out towards the horizon in simple perspective.
        double nearY = h * 0.86;
        double farY = horizon + (h - horizon) * 0.22;
        double nearX0 = fromLeft ? -w * 0.05 : w * 1.05;
        double farX = fromLeft ? w * 0.5 : w * 0.5;
        double dir = fromLeft ? 1 : -1;
        Path2D deck = new Path2D.Double();
        deck.moveTo(nearX0, nearY);
        deck.lineTo(farX, farY);
        deck.lineTo(farX, farY + s * 0.012);
        deck.lineTo(nearX0, nearY + s * 0.07);
        deck.closePath();
        g.setColor(c);
        g.fill(deck);
        int posts = 9;
        for (int i = 0; i <= posts; i++) {
            double t = (double) i / posts;
            double px = nearX0 + (farX - nearX0) * t;
            double py = nearY + (farY - nearY) * t;
            double pw = s * (0.022 - 0.016 * t);
            double ph = s * (0.16 - 0.12 * t);
            g.fill(new Rectangle2D.Double(px - pw / 2, py - pw, pw, ph));
            g.setColor(Colors.alpha(c, 80));
            g.fill(new Rectangle2D.Double(px - pw / 2, py + ph - pw, pw, ph * 0.7));
            g.setColor(c);
        }
        // Moored boat beside the pier.
        boat(g, pal, farX - dir * w * 0.02 + dir * w * 0.12, horizon + (h - horizon) * 0.35, s * 0.14, s);
        // Lamp at the end of the pier with its reflection.
        // Lamp on the near half of the pier so it never stands in front of the lighthouse.
        double lx = nearX0 + (farX - nearX0) * 0.38;
        double ly = nearY + (farY - nearY) * 0.38;
        Buildings.lampPost(g, lx, ly, s * 0.24, c, s);
        reflectionColumn(g, r, lx, ly + s * 0.04, h, s * 0.015, new Color(255, 200, 130), s);
        // Warehouses on the near quay.
        double qx = fromLeft ? w * 0.72 : 0;
        double qw = w * 0.28;
        g.setColor(pal.layer(0.75));
        Path2D shed = new Path2D.Double();
        double qy = horizon + s * 0.02;
        shed.moveTo(qx, qy);
        shed.lineTo(qx, qy - s * 0.09);
        shed.lineTo(qx + qw * 0.25, qy - s * 0.14);
        shed.lineTo(qx + qw * 0.5, qy - s * 0.09);
        shed.lineTo(qx + qw * 0.5, qy - s * 0.11);
        shed.lineTo(qx + qw * 0.75, qy - s * 0.15);
        shed.lineTo(qx + qw, qy - s * 0.11);
        shed.lineTo(qx + qw, qy);
        shed.closePath();
        g.fill(shed);
        g.setColor(pal.layer(0.85));
        g.fill(new Rectangle2D.Double(qx - (fromLeft ? s * 0.04 : 0), qy - 1, qw + s * 0.04, s * 0.03));
        g.setColor(Colors.alpha(pal.layer(0.85), 70));
        g.fill(new Rectangle2D.Double(qx - (fromLeft ? s * 0.04 : 0), qy + s * 0.03, qw + s * 0.04, s * 0.06));
        for (int i = 0; i < 3; i++) {
            if (r.nextBoolean()) {
                Buildings.litWindow(g, qx + qw * (0.15 + i * 0.3), qy - s * 0.06, s * 0.015, s * 0.02, s);
            }
        }
    }
}
