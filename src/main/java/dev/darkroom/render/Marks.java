package dev.darkroom.render;

import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.Path2D;
import java.util.Random;

/** Hand-made marks shared by several objects: irregular blobs (stains, spots) and cursive scribbles. */
final class Marks {

    private Marks() {
    }

    static Shape blob(Random r, double cx, double cy, double rad) {
        Path2D p = new Path2D.Double();
        int n = 9;
        double[] rr = new double[n];
        for (int i = 0; i < n; i++) {
            rr[i] = rad * (0.7 + r.nextDouble() * 0.6);
        }
        for (int i = 0; i <= n; i++) {
            double a0 = 2 * Math.PI * i / n;
            double a1 = 2 * Math.PI * (i + 0.5) / n;
            double x = cx + Math.cos(a0) * rr[i % n];
            double y = cy + Math.sin(a0) * rr[i % n];
            if (i == 0) {
                p.moveTo(x, y);
            } else {
                double r1 = (rr[(i - 1) % n] + rr[i % n]) / 2 * 1.08;
                p.quadTo(cx + Math.cos(a1 - Math.PI / n) * r1, cy + Math.sin(a1 - Math.PI / n) * r1, x, y);
            }
        }
        p.closePath();
        return p;
    }

    /** Imitates a line of cursive handwriting: words made of arches of varying height. */
    static void scribble(Graphics2D g, Random r, double x0, double y, double x1, double xh) {
        double x = x0;
        while (x < x1 - xh) {
            double wordLen = Math.min(xh * (2.5 + r.nextDouble() * 6), x1 - x);
            Path2D p = new Path2D.Double();
            p.moveTo(x, y);
            double cx = x;
            double slant = xh * 0.3;
            while (cx < x + wordLen) {
                double step = xh * (0.7 + r.nextDouble() * 0.5);
                double top = r.nextInt(8) == 0 ? xh * 1.8 : xh * (0.65 + r.nextDouble() * 0.3);
                double bottom = r.nextInt(14) == 0 ? -xh * 0.8 : 0;
                // Rounded humps rather than peaks: control points sit inside the letter body.
                p.curveTo(cx + slant * 0.5, y - top * 1.2, cx + step * 0.5 + slant, y - top * 1.2,
                        cx + step * 0.55, y - bottom);
                p.curveTo(cx + step * 0.65, y - top * 0.3, cx + step * 0.85, y - top * 0.2, cx + step, y);
                cx += step;
            }
            g.draw(p);
            x += wordLen + xh * (1.0 + r.nextDouble() * 0.8);
        }
    }
}
