package dev.darkroom.render;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.util.Random;

/** Open country: layered ridges, hills with a lone building, bare trees and woods. */
final class Landscapes {

    private Landscapes() {
    }

    static Path2D ridge(Random r, int w, int h, double baseY, double amp, double roughness) {
        Path2D p = new Path2D.Double();
        double p1 = r.nextDouble() * 10;
        double p2 = r.nextDouble() * 10;
        double p3 = r.nextDouble() * 10;
        double f1 = (1 + r.nextDouble()) * Math.PI / w;
        p.moveTo(-2, h + 2);
        for (double x = -2; x <= w + 8; x += Math.max(2, w / 128.0)) {
            double y = baseY - amp * (0.6 * Math.sin(x * f1 + p1) + 0.3 * Math.sin(x * f1 * 2.7 + p2)
                    + roughness * Math.sin(x * f1 * 9.3 + p3));
            p.lineTo(x, y);
        }
        p.lineTo(w + 8, h + 2);
        p.closePath();
        return p;
    }

    static void hills(Graphics2D g, Random r, Palette pal, int w, int h, double horizon) {
        double s = Math.min(w, h);
        g.setColor(pal.layer(0.15));
        g.fill(ridge(r, w, h, horizon - s * 0.02, s * 0.06, 0.1));
        g.setColor(pal.layer(0.45));
        Path2D mid = ridge(r, w, h, horizon + s * 0.05, s * 0.05, 0.05);
        g.fill(mid);
        // Lone building on the middle ridge, with one lit window for a point of interest.
        double bx = w * (0.55 + r.nextDouble() * 0.25);
        double by = horizon + s * 0.04;
        double bw = s * 0.09;
        double bh = s * 0.06;
        boolean chapel = r.nextBoolean();
        Path2D b = new Path2D.Double();
        b.moveTo(bx, by);
        b.lineTo(bx, by - bh);
        b.lineTo(bx + bw / 2, by - bh - s * 0.04);
        b.lineTo(bx + bw, by - bh);
        b.lineTo(bx + bw, by);
        b.closePath();
        g.setColor(pal.layer(0.7));
        g.fill(b);
        if (chapel) {
            g.fill(new Rectangle2D.Double(bx - s * 0.03, by - bh - s * 0.05, s * 0.03, bh + s * 0.05));
            Path2D spire = new Path2D.Double();
            spire.moveTo(bx - s * 0.033, by - bh - s * 0.05);
            spire.lineTo(bx - s * 0.015, by - bh - s * 0.13);
            spire.lineTo(bx + s * 0.003, by - bh - s * 0.05);
            spire.closePath();
            g.fill(spire);
        } else {
            g.fill(new Rectangle2D.Double(bx + bw * 0.7, by - bh - s * 0.045, s * 0.012, s * 0.03));
        }
        Buildings.litWindow(g, bx + bw * 0.35, by - bh * 0.6, s * 0.014, s * 0.02, s);
        g.setColor(pal.layer(0.9));
        g.fill(ridge(r, w, h, horizon + s * 0.2, s * 0.05, 0.04));
        // Bare tree and fence in the foreground.
        double tx = w * (0.08 + r.nextDouble() * 0.25);
        bareTree(g, r, tx, horizon + s * 0.2, s * 0.22, pal.layer(1.0), s);
        g.setStroke(new BasicStroke((float) (s * 0.004)));
        double fy = horizon + s * 0.26;
        for (double x = tx + s * 0.05; x < tx + s * 0.4; x += s * 0.05) {
            g.draw(new Line2D.Double(x, fy, x, fy - s * 0.04));
        }
        g.draw(new Line2D.Double(tx + s * 0.05, fy - s * 0.03, tx + s * 0.4, fy - s * 0.028));
    }

    private static void bareTree(Graphics2D g, Random r, double x, double y, double height, Color c, double s) {
        g.setColor(c);
        branch(g, r, x, y, -Math.PI / 2, height * 0.35, (float) (s * 0.014), 0);
    }

    private static void branch(Graphics2D g, Random r, double x, double y, double angle, double len, float width,
                               int depth) {
        double x2 = x + Math.cos(angle) * len;
        double y2 = y + Math.sin(angle) * len;
        g.setStroke(new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(new Line2D.Double(x, y, x2, y2));
        if (depth >= 5) {
            return;
        }
        int kids = 2 + (r.nextInt(3) == 0 ? 1 : 0);
        for (int i = 0; i < kids; i++) {
            double a = angle + (r.nextDouble() - 0.5) * 1.3;
            branch(g, r, x2, y2, a, len * (0.62 + r.nextDouble() * 0.15), Math.max(0.6f, width * 0.62f), depth + 1);
        }
    }

    static void trees(Graphics2D g, Random r, Palette pal, String text, int w, int h, double horizon,
                      boolean fog) {
        double s = Math.min(w, h);
        boolean conifers = Keywords.CONIFERS.matcher(text).find();
        g.setColor(pal.layer(0.1));
        g.fill(ridge(r, w, h, horizon, s * 0.03, 0.1));
        int layers = 3;
        for (int layer = 0; layer < layers; layer++) {
            if (fog && layer == layers - 1) {
                // Fog goes behind the nearest trees so they stay as crisp dark shapes in front of it.
                Weather.fog(g, r, pal, w, h, horizon);
            }
            double depth = 0.2 + layer * 0.38;
            double base = horizon + s * (0.02 + layer * 0.1);
            double scale = 0.5 + layer * 0.45;
            Color c = pal.layer(depth);
            g.setColor(c);
            g.fill(ridge(r, w, h, base + s * 0.02, s * 0.015, 0.05));
            Path2D trees = new Path2D.Double(Path2D.WIND_NON_ZERO);
            double x = -s * 0.05 + r.nextDouble() * s * 0.05;
            while (x < w + s * 0.05) {
                double th = s * (0.12 + r.nextDouble() * 0.12) * scale;
                boolean pine = conifers ? r.nextInt(4) != 0 : r.nextInt(4) == 0;
                if (pine) {
                    addPine(trees, x, base + s * 0.02, th);
                } else {
                    addRoundTree(trees, r, x, base + s * 0.02, th);
                }
                x += th * (0.35 + r.nextDouble() * 0.5);
                if (!conifers && layer == layers - 1 && r.nextInt(3) == 0) {
                    x += s * 0.15; // clearings in a park or garden
                }
            }
            g.fill(trees);
            if (fog || layer < layers - 1) {
                // A band of ground mist between layers separates them into depth planes.
                Color mist = Colors.mix(pal.low(), Color.WHITE, 0.15);
                double my = base + s * 0.02;
                g.setPaint(new GradientPaint(0, (float) (my - s * 0.08), Colors.alpha(mist, 0), 0, (float) my,
                        Colors.alpha(mist, fog ? 90 : 45)));
                g.fill(new Rectangle2D.Double(0, my - s * 0.08, w, s * 0.08));
            }
        }
        if (!conifers) {
            // A garden lamp post gives the scene a warm focal point.
            double lx = w * (0.25 + r.nextDouble() * 0.5);
            double ly = h * 0.93;
            Buildings.lampPost(g, lx, ly, s * 0.28, pal.layer(1.0), s);
        }
        g.setColor(pal.layer(1.0));
        g.fill(ridge(r, w, h, h * 0.95, s * 0.015, 0.2));
    }

    static void addPine(Path2D p, double x, double base, double height) {
        double wdt = height * 0.38;
        int tiers = 4;
        for (int i = 0; i < tiers; i++) {
            double t0 = base - height * 0.15 - i * height * 0.2;
            double tw = wdt * (1 - i * 0.2);
            p.moveTo(x - tw / 2, t0);
            p.lineTo(x, t0 - height * 0.35);
            p.lineTo(x + tw / 2, t0);
            p.closePath();
        }
        p.moveTo(x - height * 0.025, base);
        p.lineTo(x - height * 0.025, base - height * 0.2);
        p.lineTo(x + height * 0.025, base - height * 0.2);
        p.lineTo(x + height * 0.025, base);
        p.closePath();
    }

    static void addRoundTree(Path2D p, Random r, double x, double base, double height) {
        double trunkW = height * 0.06;
        p.moveTo(x - trunkW, base);
        p.lineTo(x - trunkW * 0.6, base - height * 0.55);
        p.lineTo(x + trunkW * 0.6, base - height * 0.55);
        p.lineTo(x + trunkW, base);
        p.closePath();
        int puffs = 5 + r.nextInt(3);
        double crownY = base - height * 0.62;
        double crownR = height * 0.3;
        for (int i = 0; i < puffs; i++) {
            double a = r.nextDouble() * Math.PI * 2;
            double d = r.nextDouble() * crownR * 0.6;
            double pr = crownR * (0.45 + r.nextDouble() * 0.35);
            double px = x + Math.cos(a) * d;
            double py = crownY + Math.sin(a) * d * 0.8;
            p.append(new Ellipse2D.Double(px - pr, py - pr, pr * 2, pr * 2), false);
        }
    }
}
