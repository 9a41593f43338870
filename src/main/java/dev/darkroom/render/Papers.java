package dev.darkroom.render;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.util.Random;
import java.util.function.Consumer;

/** Letters, pages and maps: sheets of paper, optionally torn, ruled or charted. */
final class Papers {

    private Papers() {
    }

    static Prop paper(Random r, String allLc) {
        boolean torn = Keywords.TORN.matcher(allLc).find();
        boolean map = Keywords.MAP.matcher(allLc).find();
        boolean ruled = Keywords.RULED.matcher(allLc).find();
        double hw = map ? 0.31 : 0.25;
        double hh = map ? 0.24 : 0.32;
        Path2D sheet = new Path2D.Double();
        sheet.moveTo(-hw, -hh);
        if (torn) {
            // Ragged diagonal tear across the lower part: the letter is missing its ending.
            double tearY = hh * (0.1 + r.nextDouble() * 0.35);
            sheet.lineTo(hw, -hh);
            sheet.lineTo(hw, tearY - 0.06);
            int steps = 26;
            for (int i = 1; i <= steps; i++) {
                double t = (double) i / steps;
                double x = hw - t * 2 * hw;
                double y = tearY - 0.06 + t * 0.12 + (r.nextDouble() - 0.5) * 0.022;
                sheet.lineTo(x, y);
            }
            sheet.lineTo(-hw, -hh);
        } else {
            sheet.lineTo(hw, -hh);
            sheet.lineTo(hw, hh);
            sheet.lineTo(-hw, hh);
        }
        sheet.closePath();

        Color[] papers = {new Color(0xF3ECDC), new Color(0xEDE3CB), new Color(0xF6F3EA), new Color(0xE6D7B8)};
        Color paperCol = Colors.jitter(papers[r.nextInt(papers.length)], r, 5);
        Color[] inks = {new Color(0x1E2A4A), new Color(0x2A2320), new Color(0x4A2E1C), new Color(0x1A1A1A)};
        Color ink = inks[r.nextInt(inks.length)];
        long detail = r.nextLong();

        Consumer<Graphics2D> painter = g -> {
            Random pr = new Random(detail);
            g.setPaint(new GradientPaint((float) -hw, (float) -hh, paperCol, (float) hw, (float) hh,
                    Colors.mix(paperCol, new Color(0xC9B48C), 0.35)));
            g.fill(sheet);
            Shape old = g.getClip();
            g.clip(sheet);
            // Fold creases: a dark/light line pair reads as a paper ridge.
            double[] folds = map ? new double[] {0} : new double[] {-hh / 3, hh / 3};
            for (double fy : folds) {
                g.setStroke(new BasicStroke(0.004f));
                g.setColor(new Color(120, 100, 70, 55));
                g.draw(new Line2D.Double(-hw, fy, hw, fy));
                g.setColor(new Color(255, 255, 255, 90));
                g.draw(new Line2D.Double(-hw, fy + 0.004, hw, fy + 0.004));
            }
            if (map) {
                g.setColor(new Color(120, 100, 70, 60));
                g.setStroke(new BasicStroke(0.004f));
                g.draw(new Line2D.Double(0, -hh, 0, hh));
                map(g, pr, hw, hh, ink);
            } else {
                double lineGap = 0.038;
                if (ruled) {
                    g.setStroke(new BasicStroke(0.0016f));
                    g.setColor(new Color(90, 120, 170, 70));
                    for (double y = -hh + 0.07; y < hh - 0.02; y += lineGap) {
                        g.draw(new Line2D.Double(-hw, y, hw, y));
                    }
                    g.setColor(new Color(190, 70, 70, 70));
                    g.draw(new Line2D.Double(-hw + 0.06, -hh, -hw + 0.06, hh));
                }
                g.setStroke(new BasicStroke(0.0026f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
                g.setColor(Colors.alpha(ink, 200));
                double left = -hw + 0.05;
                double right = hw - 0.04;
                double y = -hh + 0.07;
                Marks.scribble(g, pr, right - 0.12, y - 0.02, right, 0.009);          // date
                y += lineGap * 1.2;
                Marks.scribble(g, pr, left, y, left + 0.12, 0.011);                     // salutation
                y += lineGap;
                int lines = 0;
                while (y < hh - 0.08) {
                    double indent = lines == 0 ? 0.03 : 0;
                    double end = pr.nextInt(6) == 0 ? left + (right - left) * (0.3 + pr.nextDouble() * 0.4) : right;
                    Marks.scribble(g, pr, left + indent, y, end, 0.010);
                    y += lineGap;
                    lines++;
                }
                Marks.scribble(g, pr, right - 0.14, hh - 0.05, right - 0.02, 0.013);  // signature
            }
            // Age spots and a darker edge from handling.
            for (int i = 0; i < 5; i++) {
                double bx = (pr.nextDouble() * 2 - 1) * hw;
                double by = (pr.nextDouble() * 2 - 1) * hh;
                double rad = 0.01 + pr.nextDouble() * 0.04;
                g.setColor(new Color(150, 110, 60, 14 + pr.nextInt(14)));
                g.fill(Marks.blob(pr, bx, by, rad));
            }
            g.setClip(old);
            g.setStroke(new BasicStroke(0.008f));
            g.setColor(new Color(140, 110, 70, 40));
            g.draw(sheet);
            g.setStroke(new BasicStroke(0.0015f));
            g.setColor(new Color(90, 70, 50, 90));
            g.draw(sheet);
        };
        return new Prop(sheet, painter, new Point2D.Double(hw * 0.4, -hh * 0.4), Prop.tilt(r, 9), 0.45f);
    }

    private static void map(Graphics2D g, Random r, double hw, double hh, Color ink) {
        // Coastline
        Path2D coast = new Path2D.Double();
        double x = -hw * 0.2;
        coast.moveTo(x, -hh);
        for (double y = -hh; y <= hh; y += 0.02) {
            x += (r.nextDouble() - 0.5) * 0.04;
            coast.lineTo(x + Math.sin(y * 12) * 0.03, y);
        }
        coast.lineTo(-hw, hh);
        coast.lineTo(-hw, -hh);
        coast.closePath();
        g.setColor(new Color(110, 150, 170, 60));
        g.fill(coast);
        g.setStroke(new BasicStroke(0.003f));
        g.setColor(Colors.alpha(ink, 150));
        g.draw(coast);
        // Roads
        g.setStroke(new BasicStroke(0.0025f));
        for (int i = 0; i < 5; i++) {
            Path2D road = new Path2D.Double();
            double rx = -hw * 0.1 + r.nextDouble() * hw;
            double ry = -hh;
            road.moveTo(rx, ry);
            while (ry < hh) {
                ry += 0.05;
                rx += (r.nextDouble() - 0.45) * 0.08;
                road.lineTo(rx, ry);
            }
            g.draw(road);
        }
        // Dotted route ending in a cross
        g.setColor(new Color(160, 30, 25, 200));
        g.setStroke(new BasicStroke(0.004f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1f,
                new float[] {0.008f, 0.012f}, 0f));
        Path2D route = new Path2D.Double();
        double px = -hw * 0.05;
        double py = hh * 0.7;
        route.moveTo(px, py);
        double ex = hw * 0.6;
        double ey = -hh * 0.5;
        route.curveTo(px + 0.1, py - 0.2, ex - 0.15, ey + 0.15, ex, ey);
        g.draw(route);
        g.setStroke(new BasicStroke(0.007f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(new Line2D.Double(ex - 0.02, ey - 0.02, ex + 0.02, ey + 0.02));
        g.draw(new Line2D.Double(ex - 0.02, ey + 0.02, ex + 0.02, ey - 0.02));
        // Compass rose
        g.setColor(Colors.alpha(ink, 140));
        g.setStroke(new BasicStroke(0.0025f));
        double cx = hw * 0.7;
        double cy = hh * 0.65;
        g.draw(new Ellipse2D.Double(cx - 0.035, cy - 0.035, 0.07, 0.07));
        Path2D star = new Path2D.Double();
        star.moveTo(cx, cy - 0.05);
        star.lineTo(cx + 0.01, cy);
        star.lineTo(cx, cy + 0.05);
        star.lineTo(cx - 0.01, cy);
        star.closePath();
        g.fill(star);
    }
}
