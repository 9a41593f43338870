package dev.darkroom.render;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RadialGradientPaint;
import java.awt.geom.Arc2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.util.Random;

/** Man-made exteriors: a wet town street, a manor or castle, and the lit windows and lamps they share. */
final class Buildings {

    private Buildings() {
    }

    static void street(Graphics2D g, Random r, Palette pal, int w, int h, double horizon) {
        double s = Math.min(w, h);
        // Distant skyline.
        g.setColor(pal.layer(0.3));
        double x = -s * 0.02;
        while (x < w) {
            double bw = s * (0.05 + r.nextDouble() * 0.08);
            double bh = s * (0.08 + r.nextDouble() * 0.18);
            g.fill(new Rectangle2D.Double(x, horizon - bh, bw + 1, bh + 2));
            if (r.nextInt(5) == 0) {
                Path2D spire = new Path2D.Double();
                spire.moveTo(x + bw * 0.3, horizon - bh);
                spire.lineTo(x + bw * 0.5, horizon - bh - s * 0.1);
                spire.lineTo(x + bw * 0.7, horizon - bh);
                spire.closePath();
                g.fill(spire);
            }
            x += bw;
        }
        // Street surface, wet and reflective.
        double ground = horizon + s * 0.12;
        g.setPaint(new GradientPaint(0, (float) horizon, Colors.mix(pal.low(), Color.BLACK, 0.55), 0, h,
                Colors.mix(pal.top(), Color.BLACK, 0.6)));
        g.fill(new Rectangle2D.Double(0, horizon, w, h - horizon));
        // Near terraces on both sides with lit windows.
        Color near = pal.layer(0.85);
        for (int side = 0; side < 2; side++) {
            double sx0 = side == 0 ? -s * 0.02 : w * 0.62;
            double sx1 = side == 0 ? w * 0.38 : w + s * 0.02;
            double bx = sx0;
            while (bx < sx1) {
                double bw = Math.min(s * (0.09 + r.nextDouble() * 0.07), sx1 - bx + 1);
                double bh = s * (0.28 + r.nextDouble() * 0.22);
                double top = ground - bh;
                g.setColor(near);
                g.fill(new Rectangle2D.Double(bx, top, bw + 1, bh));
                if (r.nextBoolean()) {
                    Path2D roof = new Path2D.Double();
                    roof.moveTo(bx, top);
                    roof.lineTo(bx + bw / 2, top - s * 0.05);
                    roof.lineTo(bx + bw + 1, top);
                    roof.closePath();
                    g.fill(roof);
                }
                g.fill(new Rectangle2D.Double(bx + bw * 0.7, top - s * 0.06, s * 0.014, s * 0.06));
                int cols = Math.max(1, (int) (bw / (s * 0.035)));
                int rows = Math.max(1, (int) ((bh - s * 0.05) / (s * 0.06)));
                double cellW = bw / cols;
                for (int cy = 0; cy < rows; cy++) {
                    for (int cx = 0; cx < cols; cx++) {
                        double wx = bx + cx * cellW + cellW * 0.3;
                        double wy = top + s * 0.03 + cy * s * 0.06;
                        double ww = cellW * 0.4;
                        double wh = s * 0.03;
                        if (r.nextInt(10) < 3) {
                            litWindow(g, wx, wy, ww, wh, s * 0.6);
                            g.setColor(new Color(255, 200, 120, 30));
                            g.fill(new Rectangle2D.Double(wx, ground + (ground - wy) * 0.15, ww,
                                    (h - ground) * 0.6));
                        } else {
                            g.setColor(Colors.mix(near, Color.BLACK, 0.4));
                            g.fill(new Rectangle2D.Double(wx, wy, ww, wh));
                        }
                    }
                }
                bx += bw + 1;
            }
        }
        // Pavement edges converge towards the vanishing point.
        g.setStroke(new BasicStroke((float) Math.max(1, s / 300)));
        g.setColor(new Color(255, 255, 255, 25));
        g.draw(new Line2D.Double(w * 0.38, ground, -w * 0.1, h));
        g.draw(new Line2D.Double(w * 0.62, ground, w * 1.1, h));
        // Gas lamps with pooled light and long reflections on the wet cobbles.
        double[] lamps = {w * 0.3, w * 0.7};
        for (double lx : lamps) {
            double lb = ground + s * 0.2;
            double lh = s * 0.34;
            lampPost(g, lx, lb, lh, Colors.mix(near, Color.BLACK, 0.3), s);
            Waterfronts.reflectionColumn(g, r, lx, lb + s * 0.01, h, s * 0.01, new Color(255, 200, 120), s);
        }
        // Cobble texture.
        g.setStroke(new BasicStroke(1f));
        for (int i = 0; i < 220; i++) {
            double t = r.nextDouble();
            double cy = ground + (h - ground) * t * t;
            double cx = r.nextDouble() * w;
            double cw = s * (0.004 + 0.02 * t);
            g.setColor(new Color(255, 255, 255, 8 + r.nextInt(14)));
            g.draw(new Arc2D.Double(cx, cy, cw, cw * 0.5, 0, 180, Arc2D.OPEN));
        }
    }

    static void manor(Graphics2D g, Random r, Palette pal, String text, int w, int h, double horizon) {
        double s = Math.min(w, h);
        boolean castle = Keywords.CASTLE.matcher(text).find();
        g.setColor(pal.layer(0.2));
        g.fill(Landscapes.ridge(r, w, h, horizon, s * 0.05, 0.1));
        g.setColor(pal.layer(0.5));
        g.fill(Landscapes.ridge(r, w, h, horizon + s * 0.07, s * 0.025, 0.05));

        Color c = pal.layer(0.82);
        double cx = w * (0.45 + r.nextDouble() * 0.1);
        double base = horizon + s * 0.08;
        double mw = s * 0.36;
        double mh = s * 0.17;
        double left = cx - mw / 2;
        Path2D house = new Path2D.Double(Path2D.WIND_NON_ZERO);
        house.append(new Rectangle2D.Double(left, base - mh, mw, mh), false);
        double wingW = s * 0.14;
        double wingH = mh * 0.75;
        house.append(new Rectangle2D.Double(left - wingW, base - wingH, wingW + 1, wingH), false);
        house.append(new Rectangle2D.Double(left + mw - 1, base - wingH, wingW + 1, wingH), false);
        if (castle) {
            double tw = s * 0.06;
            for (double tx : new double[] {left - wingW - tw * 0.5, cx - tw / 2, left + mw + wingW - tw * 0.5}) {
                double th = mh * (tx == cx - tw / 2 ? 1.9 : 1.5);
                house.append(new Rectangle2D.Double(tx, base - th, tw, th), false);
                for (int i = 0; i < 3; i++) {
                    house.append(new Rectangle2D.Double(tx + i * tw * 0.4, base - th - s * 0.015, tw * 0.2,
                            s * 0.016), false);
                }
            }
            for (double bx = left - wingW; bx < left + mw + wingW; bx += s * 0.025) {
                double top = (bx > left && bx < left + mw) ? base - mh : base - wingH;
                house.append(new Rectangle2D.Double(bx, top - s * 0.012, s * 0.013, s * 0.013), false);
            }
        } else {
            // Steep central gable, hipped wings, tall chimney stacks.
            Path2D roof = new Path2D.Double();
            roof.moveTo(left - s * 0.01, base - mh);
            roof.lineTo(left + mw * 0.2, base - mh - s * 0.08);
            roof.lineTo(left + mw * 0.8, base - mh - s * 0.08);
            roof.lineTo(left + mw + s * 0.01, base - mh);
            roof.closePath();
            house.append(roof, false);
            Path2D gable = new Path2D.Double();
            gable.moveTo(cx - mw * 0.14, base - mh);
            gable.lineTo(cx, base - mh - s * 0.13);
            gable.lineTo(cx + mw * 0.14, base - mh);
            gable.closePath();
            house.append(gable, false);
            for (int side = -1; side <= 1; side += 2) {
                double wx = side < 0 ? left - wingW : left + mw;
                Path2D wr = new Path2D.Double();
                wr.moveTo(wx - s * 0.005, base - wingH);
                wr.lineTo(wx + wingW * 0.5, base - wingH - s * 0.06);
                wr.lineTo(wx + wingW + s * 0.005, base - wingH);
                wr.closePath();
                house.append(wr, false);
            }
            for (double chx : new double[] {left + mw * 0.12, left + mw * 0.86, left - wingW * 0.6,
                left + mw + wingW * 0.55}) {
                house.append(new Rectangle2D.Double(chx, base - mh - s * 0.11, s * 0.018, s * 0.1), false);
            }
        }
        g.setColor(c);
        g.fill(house);
        // Windows: mostly dark, a few lit, one conspicuously bright upstairs.
        int cols = 7;
        for (int row = 0; row < 2; row++) {
            for (int col = 0; col < cols; col++) {
                double wx = left + mw * (0.06 + col * 0.135);
                double wy = base - mh + mh * (0.18 + row * 0.42);
                if (Math.abs(wx + s * 0.01 - cx) < s * 0.02 && row == 1) {
                    continue; // front door position
                }
                if (r.nextInt(10) < 3) {
                    litWindow(g, wx, wy, s * 0.02, s * 0.035, s);
                } else {
                    g.setColor(Colors.mix(c, Color.BLACK, 0.45));
                    g.fill(new Rectangle2D.Double(wx, wy, s * 0.02, s * 0.035));
                }
            }
        }
        for (int side = 0; side < 2; side++) {
            double wx0 = side == 0 ? left - wingW : left + mw;
            for (int col = 0; col < 3; col++) {
                double wx = wx0 + wingW * (0.15 + col * 0.28);
                double wy = base - wingH + wingH * 0.3;
                if (r.nextInt(4) == 0) {
                    litWindow(g, wx, wy, s * 0.018, s * 0.03, s);
                } else {
                    g.setColor(Colors.mix(c, Color.BLACK, 0.45));
                    g.fill(new Rectangle2D.Double(wx, wy, s * 0.018, s * 0.03));
                }
            }
        }
        g.setColor(new Color(255, 200, 120, 200));
        g.fill(new Rectangle2D.Double(cx - s * 0.012, base - s * 0.05, s * 0.024, s * 0.05));

        // Drive sweeping towards the viewer, flanked by dark trees.
        Color near = pal.layer(1.0);
        g.setColor(near);
        Path2D fg = Landscapes.ridge(r, w, h, base + s * 0.03, s * 0.01, 0.05);
        g.fill(fg);
        Path2D drive = new Path2D.Double();
        drive.moveTo(cx - s * 0.015, base);
        drive.curveTo(cx - s * 0.05, base + s * 0.1, cx + s * 0.2, h * 0.9, cx + s * 0.05, h);
        drive.lineTo(cx + s * 0.3, h);
        drive.curveTo(cx + s * 0.35, h * 0.9, cx + s * 0.02, base + s * 0.1, cx + s * 0.015, base);
        drive.closePath();
        g.setColor(Colors.alpha(Colors.mix(pal.low(), Color.BLACK, 0.55), 160));
        g.fill(drive);
        Path2D trees = new Path2D.Double(Path2D.WIND_NON_ZERO);
        Landscapes.addPine(trees, left - wingW - s * 0.08, base + s * 0.03, s * 0.3);
        Landscapes.addRoundTree(trees, r, left + mw + wingW + s * 0.09, base + s * 0.04, s * 0.32);
        Landscapes.addRoundTree(trees, r, w * 0.03, h * 0.92, s * 0.55);
        g.setColor(near);
        g.fill(trees);
    }

    static void litWindow(Graphics2D g, double x, double y, double ww, double wh, double s) {
        double gr = s * 0.05;
        g.setPaint(new RadialGradientPaint(new Point2D.Double(x + ww / 2, y + wh / 2), (float) gr,
                new float[] {0f, 1f}, new Color[] {new Color(255, 190, 100, 70), new Color(255, 190, 100, 0)}));
        g.fill(new Ellipse2D.Double(x + ww / 2 - gr, y + wh / 2 - gr, gr * 2, gr * 2));
        g.setColor(new Color(255, 205, 120));
        g.fill(new Rectangle2D.Double(x, y, ww, wh));
    }

    static void lampPost(Graphics2D g, double x, double base, double height, Color c, double s) {
        double ly = base - height;
        g.setPaint(new RadialGradientPaint(new Point2D.Double(x, ly), (float) (s * 0.16),
                new float[] {0f, 0.2f, 1f},
                new Color[] {new Color(255, 210, 140, 160), new Color(255, 190, 110, 60), new Color(255, 180, 100, 0)}));
        g.fill(new Ellipse2D.Double(x - s * 0.16, ly - s * 0.16, s * 0.32, s * 0.32));
        g.setColor(c);
        g.fill(new Rectangle2D.Double(x - s * 0.005, ly, s * 0.01, height));
        g.fill(new Rectangle2D.Double(x - s * 0.012, base - s * 0.02, s * 0.024, s * 0.02));
        Path2D lantern = new Path2D.Double();
        lantern.moveTo(x - s * 0.018, ly - s * 0.005);
        lantern.lineTo(x + s * 0.018, ly - s * 0.005);
        lantern.lineTo(x + s * 0.012, ly - s * 0.035);
        lantern.lineTo(x - s * 0.012, ly - s * 0.035);
        lantern.closePath();
        g.setColor(new Color(255, 215, 150));
        g.fill(lantern);
        g.setColor(c);
        g.setStroke(new BasicStroke((float) (s * 0.003)));
        g.draw(lantern);
        Path2D cap = new Path2D.Double();
        cap.moveTo(x - s * 0.022, ly - s * 0.035);
        cap.lineTo(x, ly - s * 0.05);
        cap.lineTo(x + s * 0.022, ly - s * 0.035);
        cap.closePath();
        g.fill(cap);
    }
}
