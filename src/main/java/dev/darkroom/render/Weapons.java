package dev.darkroom.render;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.LinearGradientPaint;
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

/** Blades and revolvers, the two objects that must read as dangerous at a glance. */
final class Weapons {

    private Weapons() {
    }

    static Prop blade(Random r, String allLc) {
        Path2D bladeShape = new Path2D.Double();
        bladeShape.moveTo(-0.10, -0.030);
        bladeShape.curveTo(0.10, -0.032, 0.28, -0.024, 0.40, 0.0);
        bladeShape.curveTo(0.28, 0.024, 0.10, 0.032, -0.10, 0.030);
        bladeShape.closePath();
        RoundRectangle2D guard = new RoundRectangle2D.Double(-0.125, -0.062, 0.028, 0.124, 0.02, 0.02);
        RoundRectangle2D handle = new RoundRectangle2D.Double(-0.37, -0.032, 0.26, 0.064, 0.05, 0.05);
        Ellipse2D pommel = new Ellipse2D.Double(-0.40, -0.040, 0.07, 0.080);
        Area sil = new Area(bladeShape);
        sil.add(new Area(guard));
        sil.add(new Area(handle));
        sil.add(new Area(pommel));

        boolean silver = r.nextBoolean();
        Color metalLight = silver ? new Color(0xEEF0F2) : new Color(0xD9DDE0);
        Color metalDark = silver ? new Color(0x7E848A) : new Color(0x5D656C);
        Color[] handles = {new Color(0x4A2C1A), new Color(0x2A1C14), new Color(0xE8DCC4), new Color(0x6B3A22),
            new Color(0x1F2326)};
        Color handleCol = Colors.jitter(handles[r.nextInt(handles.length)], r, 8);
        Color fitting = Metalwork.isWarm(allLc, r.nextBoolean()) ? new Color(0xB8923A) : new Color(0xB9BEC4);
        boolean wrapped = r.nextBoolean();

        Consumer<Graphics2D> painter = g -> {
            g.setPaint(new LinearGradientPaint(new Point2D.Double(0, -0.032), new Point2D.Double(0, 0.032),
                    new float[] {0f, 0.45f, 0.55f, 1f},
                    new Color[] {metalLight, Colors.mix(metalLight, metalDark, 0.35),
                        Colors.mix(metalLight, metalDark, 0.7), metalDark}));
            g.fill(bladeShape);
            // Central ridge catches the light on a double-edged blade.
            g.setStroke(new BasicStroke(0.003f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.setColor(new Color(255, 255, 255, 150));
            g.draw(new Line2D.Double(-0.09, -0.002, 0.34, -0.001));
            g.setColor(new Color(40, 44, 50, 90));
            g.draw(new Line2D.Double(-0.09, 0.004, 0.33, 0.002));
            g.setStroke(new BasicStroke(0.002f));
            g.setColor(new Color(30, 30, 35, 140));
            g.draw(bladeShape);

            g.setPaint(new GradientPaint(0, -0.032f, handleCol.brighter(), 0, 0.032f, handleCol.darker()));
            g.fill(handle);
            if (wrapped) {
                Shape old = g.getClip();
                g.clip(handle);
                g.setStroke(new BasicStroke(0.006f));
                g.setColor(new Color(0, 0, 0, 70));
                for (double x = -0.36; x < -0.10; x += 0.018) {
                    g.draw(new Line2D.Double(x, -0.04, x + 0.02, 0.04));
                }
                g.setClip(old);
            } else {
                g.setColor(new Color(255, 255, 255, 40));
                g.setStroke(new BasicStroke(0.004f));
                g.draw(new Line2D.Double(-0.35, -0.018, -0.13, -0.018));
            }
            g.setStroke(new BasicStroke(0.002f));
            g.setColor(new Color(0, 0, 0, 110));
            g.draw(handle);

            Color fl = fitting.brighter();
            g.setPaint(new GradientPaint(0, -0.06f, fl, 0, 0.06f, fitting.darker()));
            g.fill(guard);
            g.fill(pommel);
            g.setColor(new Color(0, 0, 0, 100));
            g.draw(guard);
            g.draw(pommel);
            g.setColor(new Color(255, 255, 255, 120));
            g.fill(new Ellipse2D.Double(-0.385, -0.028, 0.02, 0.016));
        };
        double sign = r.nextBoolean() ? 1 : -1;
        double angle = sign * Math.toRadians(18 + r.nextDouble() * 16);
        return new Prop(sil, painter, new Point2D.Double(0.32, 0), angle, 0.75f);
    }

    static Prop revolver(Random r, String allLc) {
        Area frame = new Area(new Rectangle2D.Double(-0.03, -0.085, 0.40, 0.045));           // barrel
        frame.add(new Area(new Rectangle2D.Double(-0.03, -0.094, 0.40, 0.012)));              // rib
        frame.add(new Area(new Rectangle2D.Double(0.345, -0.108, 0.012, 0.016)));             // front sight
        frame.add(new Area(new Rectangle2D.Double(-0.03, -0.045, 0.15, 0.03)));               // ejector rod housing
        frame.add(new Area(new RoundRectangle2D.Double(-0.15, -0.098, 0.14, 0.10, 0.02, 0.02))); // cylinder
        Path2D body = new Path2D.Double();
        body.moveTo(-0.16, -0.10);
        body.lineTo(-0.03, -0.10);
        body.lineTo(-0.03, 0.01);
        body.lineTo(-0.10, 0.03);
        body.lineTo(-0.22, 0.03);
        body.lineTo(-0.24, -0.07);
        body.closePath();
        frame.add(new Area(body));
        Path2D hammer = new Path2D.Double();
        hammer.moveTo(-0.20, -0.09);
        hammer.lineTo(-0.25, -0.135);
        hammer.lineTo(-0.235, -0.145);
        hammer.lineTo(-0.18, -0.10);
        hammer.closePath();
        frame.add(new Area(hammer));
        Path2D grip = new Path2D.Double();
        grip.moveTo(-0.17, 0.0);
        grip.lineTo(-0.245, -0.07);
        grip.curveTo(-0.30, -0.02, -0.36, 0.12, -0.35, 0.20);
        grip.curveTo(-0.34, 0.235, -0.27, 0.24, -0.25, 0.21);
        grip.curveTo(-0.24, 0.13, -0.20, 0.06, -0.17, 0.0);
        grip.closePath();
        Area guardArea = new Area(new Ellipse2D.Double(-0.16, -0.01, 0.10, 0.09));
        guardArea.subtract(new Area(new Ellipse2D.Double(-0.148, 0.0, 0.076, 0.068)));
        Path2D trigger = new Path2D.Double();
        trigger.moveTo(-0.115, 0.02);
        trigger.quadTo(-0.10, 0.05, -0.125, 0.065);
        trigger.lineTo(-0.12, 0.05);
        trigger.quadTo(-0.11, 0.04, -0.125, 0.02);
        trigger.closePath();
        Area sil = new Area(frame);
        sil.add(new Area(grip));
        sil.add(guardArea);
        sil.add(new Area(trigger));

        boolean nickel = Keywords.BRIGHT_FINISH.matcher(allLc).find() || r.nextInt(3) == 0;
        Color steelLight = nickel ? new Color(0xD8DCE0) : new Color(0x5A6068);
        Color steelDark = nickel ? new Color(0x6E757C) : new Color(0x15181C);
        Color[] grips = {new Color(0x5A2E18), new Color(0x3A2214), new Color(0xE6DCC8), new Color(0x2A2A2A)};
        Color gripCol = grips[r.nextInt(grips.length)];
        Consumer<Graphics2D> painter = g -> {
            g.setPaint(new LinearGradientPaint(new Point2D.Double(0, -0.11), new Point2D.Double(0, 0.04),
                    new float[] {0f, 0.35f, 1f},
                    new Color[] {steelLight, Colors.mix(steelLight, steelDark, 0.5), steelDark}));
            g.fill(frame);
            g.fill(guardArea);
            g.fill(trigger);
            g.setColor(new Color(255, 255, 255, 70));
            g.setStroke(new BasicStroke(0.004f));
            g.draw(new Line2D.Double(-0.02, -0.08, 0.35, -0.08));
            // Cylinder flutes.
            g.setColor(new Color(0, 0, 0, 110));
            g.setStroke(new BasicStroke(0.006f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            for (int i = 0; i < 3; i++) {
                double fy = -0.08 + i * 0.03;
                g.draw(new Line2D.Double(-0.135, fy, -0.03, fy));
            }
            g.setPaint(new GradientPaint(-0.35f, 0f, gripCol.brighter(), -0.2f, 0.2f, gripCol.darker()));
            g.fill(grip);
            Shape old = g.getClip();
            g.clip(grip);
            g.setStroke(new BasicStroke(0.0018f));
            g.setColor(new Color(0, 0, 0, 60));
            for (double d = -0.6; d < 0.2; d += 0.012) {
                g.draw(new Line2D.Double(d, -0.1, d + 0.3, 0.3));
                g.draw(new Line2D.Double(d, 0.3, d + 0.3, -0.1));
            }
            g.setClip(old);
            g.setColor(new Color(200, 200, 200, 160));
            g.fill(new Ellipse2D.Double(-0.282, 0.09, 0.014, 0.014));
            g.setStroke(new BasicStroke(0.002f));
            g.setColor(new Color(0, 0, 0, 150));
            g.draw(sil);
        };
        return new Prop(sil, painter, new Point2D.Double(0.3, -0.065), Prop.tilt(r, 18), 0.8f);
    }
}
