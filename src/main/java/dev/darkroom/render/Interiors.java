package dev.darkroom.render;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RadialGradientPaint;
import java.awt.Shape;
import java.awt.geom.Arc2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.util.Random;

/** Rooms seen from inside: a night window, bookcases or a chandelier, and a desk lit by its lamp. */
final class Interiors {

    private Interiors() {
    }

    static void room(Graphics2D g, Random r, Palette pal, String text, int w, int h, boolean rain,
                     boolean fog) {
        double s = Math.min(w, h);
        boolean shelves = Keywords.SHELVES.matcher(text).find() || r.nextInt(3) == 0;
        Color wall = Colors.jitter(new Color(0x2A1A12), r, 6);
        g.setPaint(new GradientPaint(0, 0, Colors.mix(wall, Color.BLACK, 0.3), 0, h, wall));
        g.fillRect(0, 0, w, h);
        double floorY = h * 0.8;

        // Windows: one tall arched window between bookcases, or a row of them in a hall.
        int windows = shelves ? 1 : 3;
        double winW = shelves ? w * 0.3 : w * 0.17;
        double winH = h * 0.5;
        double winTop = h * 0.12;
        Palette nightSky = pal.night() ? pal
                : new Palette(Colors.mix(pal.top(), Color.BLACK, 0.3), Colors.mix(pal.mid(), Color.BLACK, 0.3),
                        pal.low(),
                        false, pal.warm());
        for (int i = 0; i < windows; i++) {
            double wx = windows == 1 ? (w - winW) / 2 : w * (0.12 + i * 0.29);
            Path2D win = new Path2D.Double();
            win.moveTo(wx, winTop + winH);
            win.lineTo(wx, winTop + winW / 2);
            win.append(new Arc2D.Double(wx, winTop, winW, winW, 180, -180, Arc2D.OPEN), true);
            win.lineTo(wx + winW, winTop + winH);
            win.closePath();

            // Moonlight falling through onto the floor.
            Path2D spill = new Path2D.Double();
            spill.moveTo(wx, winTop + winH);
            spill.lineTo(wx + winW, winTop + winH);
            spill.lineTo(wx + winW * 1.6, h);
            spill.lineTo(wx + winW * 0.2, h);
            spill.closePath();

            Shape oldClip = g.getClip();
            g.clip(win);
            Graphics2D wg = (Graphics2D) g.create();
            try {
                wg.translate(wx, winTop);
                Skies.sky(wg, new Random(r.nextLong()), nightSky, (int) Math.ceil(winW), (int) Math.ceil(winH),
                        winH * 0.85, rain || fog);
                wg.setColor(nightSky.layer(0.6));
                wg.fill(Landscapes.ridge(new Random(r.nextLong()), (int) Math.ceil(winW), (int) Math.ceil(winH),
                        winH * 0.9,
                        winH * 0.04, 0.2));
                if (rain) {
                    Weather.rain(wg, new Random(r.nextLong()), (int) Math.ceil(winW), (int) Math.ceil(winH),
                            new Rectangle2D.Double(0, 0, winW, winH), 1.0);
                    // Droplets on the glass.
                    for (int d = 0; d < 40; d++) {
                        double dx = r.nextDouble() * winW;
                        double dy = r.nextDouble() * winH;
                        double dr = s * (0.002 + r.nextDouble() * 0.004);
                        wg.setColor(new Color(220, 230, 255, 70));
                        wg.fill(new Ellipse2D.Double(dx - dr, dy - dr, dr * 2, dr * 2.4));
                    }
                }
            } finally {
                wg.dispose();
            }
            g.setClip(oldClip);
            // Mullions and frame.
            Color frame = Colors.mix(wall, Color.BLACK, 0.45);
            g.setColor(frame);
            g.setStroke(new BasicStroke((float) (s * 0.012)));
            g.draw(win);
            g.setStroke(new BasicStroke((float) (s * 0.006)));
            g.draw(new Line2D.Double(wx + winW / 2, winTop, wx + winW / 2, winTop + winH));
            for (double fy = winTop + winW / 2; fy < winTop + winH; fy += winH * 0.18) {
                g.draw(new Line2D.Double(wx, fy, wx + winW, fy));
            }
            g.setStroke(new BasicStroke((float) (s * 0.025)));
            g.setColor(Colors.mix(wall, Color.BLACK, 0.2));
            g.draw(new Line2D.Double(wx - s * 0.02, winTop + winH + s * 0.01, wx + winW + s * 0.02,
                    winTop + winH + s * 0.01));
            g.setPaint(new GradientPaint(0, (float) (winTop + winH), new Color(170, 190, 230, 34), 0, h,
                    new Color(170, 190, 230, 6)));
            g.fill(spill);
        }

        // Wainscot panels along the lower wall.
        g.setStroke(new BasicStroke((float) Math.max(1, s * 0.003)));
        double wainTop = h * 0.64;
        g.setColor(Colors.mix(wall, Color.BLACK, 0.15));
        g.fill(new Rectangle2D.Double(0, wainTop, w, floorY - wainTop));
        for (double px = s * 0.02; px < w; px += s * 0.12) {
            g.setColor(new Color(255, 220, 180, 18));
            g.draw(new Rectangle2D.Double(px, wainTop + s * 0.02, s * 0.1, floorY - wainTop - s * 0.04));
        }
        g.setColor(new Color(0, 0, 0, 90));
        g.draw(new Line2D.Double(0, wainTop, w, wainTop));

        if (shelves) {
            bookcase(g, r, 0, w * 0.3, h * 0.04, floorY, s);
            bookcase(g, r, w * 0.7, w, h * 0.04, floorY, s);
        } else {
            chandelier(g, w / 2.0, 0, s);
        }

        // Floor: dark boards and a patterned rug.
        g.setPaint(new GradientPaint(0, (float) floorY, Colors.mix(wall, Color.BLACK, 0.35), 0, h,
                Colors.mix(wall, Color.BLACK, 0.65)));
        g.fill(new Rectangle2D.Double(0, floorY, w, h - floorY));
        g.setColor(new Color(0, 0, 0, 60));
        g.setStroke(new BasicStroke(1f));
        for (int i = -12; i <= 12; i++) {
            g.draw(new Line2D.Double(w / 2.0 + i * s * 0.03, floorY, w / 2.0 + i * s * 0.14, h));
        }
        Path2D rug = new Path2D.Double();
        rug.moveTo(w * 0.28, floorY + s * 0.04);
        rug.lineTo(w * 0.72, floorY + s * 0.04);
        rug.lineTo(w * 0.86, h * 1.02);
        rug.lineTo(w * 0.14, h * 1.02);
        rug.closePath();
        g.setColor(new Color(0x4A1416));
        g.fill(rug);
        g.setColor(new Color(180, 140, 60, 60));
        g.setStroke(new BasicStroke((float) (s * 0.004)));
        g.draw(rug);

        // Desk with a green-shaded lamp: the only warm light in the room.
        double dx = w * (shelves ? 0.36 : 0.32);
        double dw = w * (shelves ? 0.28 : 0.36);
        double dTop = h * 0.72;
        double lampX = dx + dw * (r.nextBoolean() ? 0.22 : 0.78);
        double lampY = dTop - s * 0.06;
        g.setPaint(new RadialGradientPaint(new Point2D.Double(lampX, lampY), (float) (s * 0.45),
                new float[] {0f, 0.3f, 1f},
                new Color[] {new Color(255, 190, 110, 120), new Color(255, 160, 80, 45), new Color(255, 150, 70, 0)}));
        g.fill(new Ellipse2D.Double(lampX - s * 0.45, lampY - s * 0.45, s * 0.9, s * 0.9));
        Color deskCol = new Color(0x160D08);
        g.setColor(deskCol);
        g.fill(new Rectangle2D.Double(dx, dTop, dw, s * 0.025));
        g.fill(new Rectangle2D.Double(dx + s * 0.01, dTop, s * 0.06, h * 0.9 - dTop));
        g.fill(new Rectangle2D.Double(dx + dw - s * 0.07, dTop, s * 0.06, h * 0.9 - dTop));
        g.setColor(new Color(255, 190, 110, 70));
        g.fill(new Rectangle2D.Double(dx, dTop, dw, s * 0.004));
        g.setColor(deskCol);
        g.fill(new Rectangle2D.Double(lampX - s * 0.003, lampY, s * 0.006, dTop - lampY));
        g.fill(new Ellipse2D.Double(lampX - s * 0.02, dTop - s * 0.008, s * 0.04, s * 0.012));
        Path2D shade = new Path2D.Double();
        shade.moveTo(lampX - s * 0.04, lampY + s * 0.005);
        shade.quadTo(lampX, lampY - s * 0.04, lampX + s * 0.04, lampY + s * 0.005);
        shade.closePath();
        g.setColor(new Color(0x1F5A34));
        g.fill(shade);
        g.setColor(new Color(255, 230, 170, 230));
        g.fill(new Rectangle2D.Double(lampX - s * 0.035, lampY + s * 0.003, s * 0.07, s * 0.005));
        // Papers and a book on the desk catch the light.
        g.setColor(new Color(230, 200, 150, 150));
        g.fill(new Rectangle2D.Double(dx + dw * 0.42, dTop - s * 0.004, s * 0.06, s * 0.004));
        g.setColor(new Color(0x3A1010));
        g.fill(new Rectangle2D.Double(dx + dw * 0.5, dTop - s * 0.016, s * 0.045, s * 0.012));

        if (fog) {
            g.setColor(new Color(200, 200, 210, 30));
            g.fillRect(0, 0, w, h);
        }
    }

    private static void bookcase(Graphics2D g, Random r, double x0, double x1, double top, double bottom,
                                 double s) {
        Color frame = new Color(0x1C110B);
        g.setColor(frame);
        g.fill(new Rectangle2D.Double(x0, top, x1 - x0, bottom - top));
        double inset = s * 0.018;
        int shelvesN = 6;
        double shelfH = (bottom - top - inset * 2) / shelvesN;
        Color[] spines = {new Color(0x5C1A1B), new Color(0x1F3D2B), new Color(0x1C2A44), new Color(0x4A3020),
            new Color(0x6A4A2A), new Color(0x3A2A40), new Color(0x7A5A30), new Color(0x2A2A2A), new Color(0x5A4A3A)};
        for (int i = 0; i < shelvesN; i++) {
            double sy = top + inset + i * shelfH;
            g.setColor(new Color(0x0C0805));
            g.fill(new Rectangle2D.Double(x0 + inset, sy, x1 - x0 - inset * 2, shelfH - s * 0.012));
            double bx = x0 + inset + s * 0.003;
            double shelfBottom = sy + shelfH - s * 0.012;
            while (bx < x1 - inset - s * 0.012) {
                double bw = s * (0.010 + r.nextDouble() * 0.016);
                bw = Math.min(bw, x1 - inset - bx);
                if (r.nextInt(14) == 0) {
                    bx += bw * 1.5; // gaps on the shelf
                    continue;
                }
                double bh = (shelfH - s * 0.02) * (0.7 + r.nextDouble() * 0.28);
                Color c = Colors.jitter(spines[r.nextInt(spines.length)], r, 10);
                g.setColor(c);
                g.fill(new Rectangle2D.Double(bx, shelfBottom - bh, bw - 1, bh));
                g.setColor(new Color(200, 160, 80, 70));
                g.fill(new Rectangle2D.Double(bx, shelfBottom - bh * 0.8, bw - 1, Math.max(1, s * 0.003)));
                g.fill(new Rectangle2D.Double(bx, shelfBottom - bh * 0.25, bw - 1, Math.max(1, s * 0.002)));
                bx += bw;
            }
            g.setColor(new Color(0x2E1C12));
            g.fill(new Rectangle2D.Double(x0, shelfBottom, x1 - x0, s * 0.012));
        }
        // Bookcase sides catch a little rim light.
        g.setColor(new Color(255, 200, 150, 25));
        g.fill(new Rectangle2D.Double(x0 < 1 ? x1 - inset : x0, top, inset * 0.4, bottom - top));
        // Fade the shelves into shadow towards the outer edges.
        boolean leftCase = x0 < 1;
        g.setPaint(new GradientPaint((float) (leftCase ? x0 : x1), 0, new Color(0, 0, 0, 170),
                (float) (leftCase ? x1 : x0), 0, new Color(0, 0, 0, 20)));
        g.fill(new Rectangle2D.Double(x0, top, x1 - x0, bottom - top));
    }

    private static void chandelier(Graphics2D g, double cx, double top, double s) {
        g.setColor(new Color(0x120A06));
        g.setStroke(new BasicStroke((float) (s * 0.004)));
        double y = top + s * 0.12;
        g.draw(new Line2D.Double(cx, top, cx, y));
        g.draw(new Arc2D.Double(cx - s * 0.12, y - s * 0.04, s * 0.24, s * 0.08, 180, 180, Arc2D.OPEN));
        for (int i = -2; i <= 2; i++) {
            double x = cx + i * s * 0.05;
            double cy = y + Math.sqrt(Math.max(0, 1 - Math.pow(i * 0.05 / 0.12, 2))) * s * 0.04 - s * 0.015;
            g.setPaint(new RadialGradientPaint(new Point2D.Double(x, cy), (float) (s * 0.05),
                    new float[] {0f, 1f}, new Color[] {new Color(255, 210, 140, 120), new Color(255, 190, 110, 0)}));
            g.fill(new Ellipse2D.Double(x - s * 0.05, cy - s * 0.05, s * 0.1, s * 0.1));
            g.setColor(new Color(255, 230, 180));
            g.fill(new Ellipse2D.Double(x - s * 0.004, cy - s * 0.012, s * 0.008, s * 0.014));
        }
    }
}
