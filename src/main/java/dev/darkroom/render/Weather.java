package dev.darkroom.render;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.LinearGradientPaint;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.util.Random;

/** Weather laid over a finished scene: banks of fog and streaks of rain. */
final class Weather {

    private Weather() {
    }

    static void fog(Graphics2D g, Random r, Palette pal, int w, int h, double horizon) {
        double s = Math.min(w, h);
        Color fog = Colors.mix(Colors.mix(pal.low(), pal.mid(), 0.4), Color.WHITE, 0.3);
        for (int i = 0; i < 5; i++) {
            double cy = horizon + (i - 1.5) * s * 0.08 + (r.nextDouble() - 0.5) * s * 0.04;
            double band = s * (0.1 + r.nextDouble() * 0.08);
            g.setPaint(new LinearGradientPaint(new Point2D.Double(0, cy - band), new Point2D.Double(0, cy + band),
                    new float[] {0f, 0.5f, 1f},
                    new Color[] {Colors.alpha(fog, 0), Colors.alpha(fog, 70 + r.nextInt(30)), Colors.alpha(fog, 0)}));
            g.fill(new Rectangle2D.Double(0, cy - band, w, band * 2));
        }
        // Drifting wisps.
        for (int i = 0; i < 14; i++) {
            double wx = r.nextDouble() * w * 1.2 - w * 0.1;
            double wy = horizon + (r.nextDouble() - 0.3) * (h - horizon);
            double ww = s * (0.3 + r.nextDouble() * 0.5);
            double wh = s * (0.02 + r.nextDouble() * 0.04);
            g.setColor(Colors.alpha(fog, 22));
            g.fill(new Ellipse2D.Double(wx - ww / 2, wy - wh / 2, ww, wh));
        }
        g.setColor(Colors.alpha(fog, 28));
        g.fillRect(0, 0, w, h);
    }

    static void rain(Graphics2D g, Random r, int w, int h, Rectangle2D area, double density) {
        double s = Math.min(w, h);
        int count = (int) (area.getWidth() * area.getHeight() / 700 * density);
        double slant = 0.18;
        g.setStroke(new BasicStroke((float) Math.max(0.8, s / 512), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        for (int i = 0; i < count; i++) {
            double x = area.getX() + r.nextDouble() * (area.getWidth() + s * 0.1) - s * 0.05;
            double y = area.getY() + r.nextDouble() * area.getHeight();
            double len = s * (0.025 + r.nextDouble() * 0.05);
            g.setColor(new Color(200, 210, 230, 25 + r.nextInt(55)));
            g.draw(new Line2D.Double(x, y, x - len * slant, y + len));
        }
    }
}
