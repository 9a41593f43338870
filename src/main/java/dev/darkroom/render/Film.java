package dev.darkroom.render;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RadialGradientPaint;
import java.awt.RenderingHints;
import java.awt.geom.Point2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;

/** The photographic finish every picture gets: quality hints, vignette and film grain. */
final class Film {

    private Film() {
    }

    static void qualityHints(Graphics2D g) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    }

    static void vignette(Graphics2D g, int w, int h, float inner, int strength) {
        float radius = (float) (Math.hypot(w, h) / 2);
        g.setPaint(new RadialGradientPaint(new Point2D.Double(w / 2.0, h / 2.0), radius,
                new float[] {0f, inner, 1f},
                new Color[] {new Color(0, 0, 0, 0), new Color(0, 0, 0, 0), new Color(0, 0, 0, strength)}));
        g.fillRect(0, 0, w, h);
    }

    /**
     * Film grain. Breaks up the flat fills and gradient banding that otherwise give procedural
     * images away; seeded so the output stays deterministic.
     */
    static void grain(BufferedImage img, long seed) {
        int[] px = ((DataBufferInt) img.getRaster().getDataBuffer()).getData();
        long x = seed | 1L;
        for (int i = 0; i < px.length; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            int n = (int) ((x >>> 40) % 11) - 5;
            int p = px[i];
            int rr = Colors.clamp(((p >> 16) & 0xFF) + n);
            int gg = Colors.clamp(((p >> 8) & 0xFF) + n);
            int bb = Colors.clamp((p & 0xFF) + n);
            px[i] = (rr << 16) | (gg << 8) | bb;
        }
    }
}
