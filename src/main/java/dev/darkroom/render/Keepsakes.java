package dev.darkroom.render;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.util.Random;
import java.util.function.Consumer;

/** Personal belongings: a leather book, a snapshot (a tiny location scene), and a box for anything unrecognised. */
final class Keepsakes {

    private Keepsakes() {
    }

    static Prop book(Random r) {
        double hw = 0.21;
        double hh = 0.28;
        double thick = 0.022;
        RoundRectangle2D cover = new RoundRectangle2D.Double(-hw, -hh, hw * 2, hh * 2, 0.02, 0.02);
        Path2D pages = new Path2D.Double();
        pages.moveTo(-hw + 0.01, hh);
        pages.lineTo(-hw + 0.01 + thick, hh + thick);
        pages.lineTo(hw + thick, hh + thick);
        pages.lineTo(hw + thick, -hh + thick);
        pages.lineTo(hw, -hh + 0.01);
        pages.lineTo(hw, hh);
        pages.closePath();
        Area sil = new Area(cover);
        sil.add(new Area(pages));
        sil.add(new Area(new Rectangle2D.Double(-hw + 0.01, hh - 0.01, hw * 2 + thick - 0.01, thick + 0.01)));
        Color[] leathers = {new Color(0x5C1A1B), new Color(0x1F3D2B), new Color(0x1C2A44), new Color(0x4A3020),
            new Color(0x2B2B2B)};
        Color leather = Colors.jitter(leathers[r.nextInt(leathers.length)], r, 8);
        Color gilt = new Color(0xC9A54A);
        long detail = r.nextLong();
        Consumer<Graphics2D> painter = g -> {
            Random br = new Random(detail);
            g.setColor(new Color(0xE9DFC6));
            g.fill(pages);
            g.fill(new Rectangle2D.Double(-hw + 0.01, hh - 0.01, hw * 2 + thick - 0.01, thick + 0.01));
            g.setColor(new Color(150, 130, 100, 90));
            g.setStroke(new BasicStroke(0.0012f));
            for (double d = 0.004; d < thick; d += 0.004) {
                g.draw(new Line2D.Double(hw + d, -hh + d, hw + d, hh + d));
                g.draw(new Line2D.Double(-hw + 0.01 + d, hh + d, hw + d, hh + d));
            }
            g.setPaint(new GradientPaint((float) -hw, (float) -hh, leather.brighter(), (float) hw, (float) hh,
                    leather.darker()));
            g.fill(cover);
            // Spine with raised bands.
            g.setColor(Colors.alpha(leather.darker().darker(), 200));
            g.fill(new Rectangle2D.Double(-hw, -hh + 0.005, 0.05, hh * 2 - 0.01));
            g.setColor(new Color(255, 255, 255, 40));
            g.setStroke(new BasicStroke(0.006f));
            for (int i = 1; i <= 4; i++) {
                double y = -hh + i * hh * 2 / 5;
                g.draw(new Line2D.Double(-hw + 0.005, y, -hw + 0.045, y));
            }
            g.setColor(gilt);
            g.setStroke(new BasicStroke(0.004f));
            g.draw(new Rectangle2D.Double(-hw + 0.075, -hh + 0.03, hw * 2 - 0.105, hh * 2 - 0.06));
            g.setStroke(new BasicStroke(0.0015f));
            g.draw(new Rectangle2D.Double(-hw + 0.085, -hh + 0.04, hw * 2 - 0.125, hh * 2 - 0.08));
            // Central ornament: a gilt diamond.
            Path2D diamond = new Path2D.Double();
            double cx = 0.02;
            diamond.moveTo(cx, -0.07);
            diamond.lineTo(cx + 0.05, 0);
            diamond.lineTo(cx, 0.07);
            diamond.lineTo(cx - 0.05, 0);
            diamond.closePath();
            g.draw(diamond);
            g.fill(new Ellipse2D.Double(cx - 0.012, -0.012, 0.024, 0.024));
            // Scuffs from use.
            for (int i = 0; i < 12; i++) {
                g.setColor(new Color(255, 240, 220, 10 + br.nextInt(18)));
                g.fill(Marks.blob(br, (br.nextDouble() * 2 - 1) * hw, (br.nextDouble() * 2 - 1) * hh,
                        0.01 + br.nextDouble() * 0.03));
            }
            g.setColor(new Color(0, 0, 0, 120));
            g.setStroke(new BasicStroke(0.002f));
            g.draw(cover);
        };
        return new Prop(sil, painter, new Point2D.Double(hw * 0.5, hh * 0.5), Prop.tilt(r, 14), 0.7f);
    }

    static Prop snapshot(Random r, String titleLc, String allLc, double s) {
        double hw = 0.19;
        double top = -0.24;
        double bottom = 0.26;
        double border = 0.022;
        double photoSize = hw * 2 - border * 2;
        Rectangle2D frame = new Rectangle2D.Double(-hw, top, hw * 2, bottom - top);
        Rectangle2D photo = new Rectangle2D.Double(-hw + border, top + border, photoSize, photoSize);
        int px = Math.max(16, (int) Math.round(photoSize * s));
        // The snapshot itself is a small location scene, rendered with the same seed family so it
        // stays deterministic.
        BufferedImage scene = new BufferedImage(px, px, BufferedImage.TYPE_INT_RGB);
        Graphics2D sg = scene.createGraphics();
        try {
            Film.qualityHints(sg);
            LocationScene.paint(sg, new Random(r.nextLong()), "", titleLc, allLc, px, px, false);
            // A lone figure makes it read as a snapshot of someone rather than a postcard.
            double fx = px * (0.3 + r.nextDouble() * 0.4);
            double fh = px * 0.42;
            double fy = px * 0.98;
            sg.setColor(new Color(12, 10, 12));
            sg.fill(new Ellipse2D.Double(fx - fh * 0.09, fy - fh, fh * 0.18, fh * 0.2));
            Path2D bodyPath = new Path2D.Double();
            bodyPath.moveTo(fx - fh * 0.22, fy);
            bodyPath.curveTo(fx - fh * 0.22, fy - fh * 0.6, fx - fh * 0.18, fy - fh * 0.78, fx, fy - fh * 0.8);
            bodyPath.curveTo(fx + fh * 0.18, fy - fh * 0.78, fx + fh * 0.22, fy - fh * 0.6, fx + fh * 0.22, fy);
            bodyPath.closePath();
            sg.fill(bodyPath);
            // Faded, warm-shifted print.
            sg.setColor(new Color(240, 220, 180, 60));
            sg.fillRect(0, 0, px, px);
        } finally {
            sg.dispose();
        }
        Color frameCol = Colors.jitter(new Color(0xF2EFE6), r, 4);
        long detail = r.nextLong();
        Consumer<Graphics2D> painter = g -> {
            g.setColor(frameCol);
            g.fill(frame);
            AffineTransform t = new AffineTransform();
            t.translate(photo.getX(), photo.getY());
            t.scale(photoSize / px, photoSize / px);
            Object old = g.getRenderingHint(RenderingHints.KEY_INTERPOLATION);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(scene, t, null);
            if (old != null) {
                g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, old);
            }
            g.setColor(new Color(0, 0, 0, 60));
            g.setStroke(new BasicStroke(0.002f));
            g.draw(photo);
            g.setColor(new Color(30, 30, 60, 180));
            g.setStroke(new BasicStroke(0.003f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            Marks.scribble(g, new Random(detail), -hw + 0.05, bottom - 0.035, hw - 0.08, 0.011);
            g.setColor(new Color(150, 140, 120, 120));
            g.setStroke(new BasicStroke(0.0015f));
            g.draw(frame);
        };
        return new Prop(frame, painter, new Point2D.Double(0, 0), Prop.tilt(r, 12), 0.5f);
    }

    static Prop box(Random r) {
        double hw = 0.22 + r.nextDouble() * 0.06;
        double hh = 0.15 + r.nextDouble() * 0.05;
        RoundRectangle2D lid = new RoundRectangle2D.Double(-hw, -hh, hw * 2, hh * 2, 0.02, 0.02);
        Color[] woods = {new Color(0x6B4226), new Color(0x8A5A34), new Color(0x3E2A1E), new Color(0x9C7B57)};
        Color wood = Colors.jitter(woods[r.nextInt(woods.length)], r, 8);
        Color brass = new Color(0xC9A54A);
        long detail = r.nextLong();
        Consumer<Graphics2D> painter = g -> {
            Random br = new Random(detail);
            g.setPaint(new GradientPaint((float) -hw, (float) -hh, wood.brighter(), (float) hw, (float) hh,
                    wood.darker()));
            g.fill(lid);
            Shape old = g.getClip();
            g.clip(lid);
            g.setStroke(new BasicStroke(0.002f));
            for (int i = 0; i < 40; i++) {
                double y = -hh + br.nextDouble() * hh * 2;
                double amp = 0.004 + br.nextDouble() * 0.01;
                Path2D p = new Path2D.Double();
                p.moveTo(-hw, y);
                for (double x = -hw; x <= hw + 0.02; x += 0.02) {
                    p.lineTo(x, y + Math.sin(x * 14 + i) * amp);
                }
                g.setColor(br.nextBoolean() ? new Color(0, 0, 0, 30) : new Color(255, 230, 200, 22));
                g.draw(p);
            }
            g.setClip(old);
            // Bevelled lid edge.
            g.setStroke(new BasicStroke(0.012f));
            g.setColor(new Color(255, 240, 220, 45));
            g.draw(new RoundRectangle2D.Double(-hw + 0.012, -hh + 0.012, hw * 2 - 0.024, hh * 2 - 0.024, 0.02, 0.02));
            g.setStroke(new BasicStroke(0.003f));
            g.setColor(new Color(0, 0, 0, 110));
            g.draw(new RoundRectangle2D.Double(-hw + 0.02, -hh + 0.02, hw * 2 - 0.04, hh * 2 - 0.04, 0.015, 0.015));
            // Brass corners and clasp.
            g.setPaint(new GradientPaint(0, (float) -hh, brass.brighter(), 0, (float) hh, brass.darker()));
            double c = 0.045;
            for (int sx = -1; sx <= 1; sx += 2) {
                for (int sy = -1; sy <= 1; sy += 2) {
                    Path2D corner = new Path2D.Double();
                    double x0 = sx * hw;
                    double y0 = sy * hh;
                    corner.moveTo(x0, y0);
                    corner.lineTo(x0 - sx * c, y0);
                    corner.lineTo(x0, y0 - sy * c);
                    corner.closePath();
                    g.fill(corner);
                }
            }
            g.fill(new RoundRectangle2D.Double(-0.03, hh - 0.05, 0.06, 0.06, 0.01, 0.01));
            g.setColor(new Color(40, 30, 10, 200));
            g.fill(new Ellipse2D.Double(-0.007, hh - 0.03, 0.014, 0.014));
            g.setStroke(new BasicStroke(0.002f));
            g.setColor(new Color(0, 0, 0, 140));
            g.draw(lid);
        };
        return new Prop(lid, painter, new Point2D.Double(hw * 0.4, 0), Prop.tilt(r, 20), 0.8f);
    }
}
