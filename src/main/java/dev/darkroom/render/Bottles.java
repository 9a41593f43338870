package dev.darkroom.render;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.util.Random;
import java.util.function.Consumer;

/** Glass bottles and vials, with liquid, cork and label; poisons get a skull. */
final class Bottles {

    private Bottles() {
    }

    static Prop bottle(Random r, String allLc) {
        boolean poison = Keywords.POISON.matcher(allLc).find();
        boolean vial = Keywords.VIAL.matcher(allLc).find();
        double bw = vial ? 0.065 + r.nextDouble() * 0.01 : 0.085 + r.nextDouble() * 0.03;
        double top = vial ? -0.17 : -0.20;
        double bottom = vial ? 0.22 : 0.26;
        double neckW = vial ? bw * 0.72 : 0.032;
        Path2D body = new Path2D.Double();
        body.moveTo(-neckW, top);
        body.lineTo(-neckW, top + 0.07);
        double shoulder = vial ? 0.012 : 0.05;
        body.curveTo(-neckW, top + 0.07 + shoulder, -bw, top + 0.07 + shoulder, -bw, top + 0.07 + shoulder * 2);
        body.lineTo(-bw, bottom - 0.03);
        body.quadTo(-bw, bottom, -bw + 0.03, bottom);
        body.lineTo(bw - 0.03, bottom);
        body.quadTo(bw, bottom, bw, bottom - 0.03);
        body.lineTo(bw, top + 0.07 + shoulder * 2);
        body.curveTo(bw, top + 0.07 + shoulder, neckW, top + 0.07 + shoulder, neckW, top + 0.07);
        body.lineTo(neckW, top);
        body.closePath();
        RoundRectangle2D lip = new RoundRectangle2D.Double(-neckW - 0.008, top - 0.005, (neckW + 0.008) * 2,
                0.022, 0.01, 0.01);
        RoundRectangle2D cork = new RoundRectangle2D.Double(-neckW + 0.004, top - 0.065, (neckW - 0.004) * 2,
                0.07, 0.012, 0.012);
        Area sil = new Area(body);
        sil.add(new Area(lip));
        sil.add(new Area(cork));

        Color[] glassCols = poison
                ? new Color[] {new Color(0x2F6B4A), new Color(0x1E4F7A), new Color(0x5A3A78)}
                : new Color[] {new Color(0x7A8E6A), new Color(0x6B4A20), new Color(0x9AB0B8), new Color(0x2F6B4A)};
        Color glass = glassCols[r.nextInt(glassCols.length)];
        Color[] liquids = {new Color(0x9ACD32), new Color(0x6A2C70), new Color(0xB5651D), new Color(0x3FA7A0)};
        Color liquid = liquids[r.nextInt(liquids.length)];
        double level = top + 0.20 + r.nextDouble() * 0.12;
        Consumer<Graphics2D> painter = g -> {
            g.setColor(Colors.alpha(glass, 110));
            g.fill(body);
            Shape old = g.getClip();
            g.clip(body);
            g.setPaint(new GradientPaint((float) -bw, 0, Colors.alpha(Colors.mix(liquid, glass, 0.4), 220),
                    (float) bw, 0,
                    Colors.alpha(Colors.mix(liquid, Color.BLACK, 0.45), 230)));
            g.fill(new Rectangle2D.Double(-bw, level, bw * 2, bottom - level + 0.01));
            g.setColor(Colors.alpha(liquid.brighter(), 150));
            g.setStroke(new BasicStroke(0.004f));
            g.draw(new Line2D.Double(-bw, level, bw, level));
            // Glass thickness shows as darker edges and a bright vertical specular streak.
            g.setPaint(new GradientPaint((float) -bw, 0, new Color(0, 0, 0, 70), (float) (-bw * 0.4), 0,
                    new Color(0, 0, 0, 0)));
            g.fill(body.getBounds2D());
            g.setPaint(new GradientPaint((float) bw, 0, new Color(0, 0, 0, 90), (float) (bw * 0.4), 0,
                    new Color(0, 0, 0, 0)));
            g.fill(body.getBounds2D());
            g.setColor(new Color(255, 255, 255, 150));
            g.fill(new RoundRectangle2D.Double(-bw * 0.62, top + 0.1 + shoulder, bw * 0.16, bottom - top - 0.15 - shoulder,
                    0.02, 0.02));
            g.setColor(new Color(255, 255, 255, 70));
            g.fill(new RoundRectangle2D.Double(bw * 0.45, top + 0.18, bw * 0.08, bottom - top - 0.26, 0.02, 0.02));
            g.setClip(old);

            // Paper label.
            Rectangle2D label = new Rectangle2D.Double(-bw * 0.85, 0.03, bw * 1.7, 0.13);
            g.setColor(new Color(0xEDE2C6));
            g.fill(label);
            g.setColor(new Color(120, 90, 50, 120));
            g.setStroke(new BasicStroke(0.002f));
            g.draw(label);
            if (poison) {
                g.setColor(new Color(0x8A1C14));
                skull(g, 0, 0.07, 0.022);
                Font f = new Font(Font.SERIF, Font.BOLD, 1).deriveFont((float) Math.min(0.03, bw * 0.42));
                Text.centered(g, "POISON", f, 0, 0.145, bw * 1.55);
            } else {
                g.setColor(new Color(60, 40, 30, 170));
                g.setStroke(new BasicStroke(0.0025f));
                Random lr = new Random(5);
                Marks.scribble(g, lr, -bw * 0.6, 0.075, bw * 0.6, 0.008);
                Marks.scribble(g, lr, -bw * 0.5, 0.12, bw * 0.4, 0.007);
            }
            g.setStroke(new BasicStroke(0.003f));
            g.setColor(Colors.alpha(Colors.mix(glass, Color.BLACK, 0.5), 190));
            g.draw(body);

            g.setPaint(new GradientPaint((float) -neckW, 0, Colors.alpha(glass.brighter(), 230), (float) neckW, 0,
                    Colors.alpha(glass.darker(), 230)));
            g.fill(lip);
            g.setPaint(new GradientPaint((float) -neckW, 0, new Color(0xC9A27A), (float) neckW, 0,
                    new Color(0x8A6440)));
            g.fill(cork);
            g.setColor(new Color(90, 60, 30, 120));
            Random cr = new Random(11);
            for (int i = 0; i < 10; i++) {
                double px = -neckW + 0.008 + cr.nextDouble() * (neckW * 2 - 0.016);
                double py = top - 0.06 + cr.nextDouble() * 0.06;
                g.fill(new Ellipse2D.Double(px, py, 0.004, 0.004));
            }
            g.draw(cork);
        };
        return new Prop(sil, painter, new Point2D.Double(0, bottom - 0.05), Prop.tilt(r, 25), 0.5f);
    }

    private static void skull(Graphics2D g, double cx, double cy, double rad) {
        Area skull = new Area(new Ellipse2D.Double(cx - rad, cy - rad, rad * 2, rad * 1.8));
        skull.add(new Area(new RoundRectangle2D.Double(cx - rad * 0.6, cy + rad * 0.4, rad * 1.2, rad * 0.8,
                rad * 0.3, rad * 0.3)));
        skull.subtract(new Area(new Ellipse2D.Double(cx - rad * 0.65, cy - rad * 0.25, rad * 0.5, rad * 0.5)));
        skull.subtract(new Area(new Ellipse2D.Double(cx + rad * 0.15, cy - rad * 0.25, rad * 0.5, rad * 0.5)));
        skull.subtract(new Area(new Rectangle2D.Double(cx - rad * 0.05, cy + rad * 0.8, rad * 0.1, rad * 0.4)));
        g.fill(skull);
    }
}
