package dev.darkroom.render;

import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;

/**
 * Label drawing that never fails a render: text is decoration, and minimal containers may have no
 * fonts at all.
 */
final class Text {

    private Text() {
    }

    /** Draws {@code text} left-aligned at a baseline, shortened with an ellipsis to fit {@code maxWidth}. */
    static void fitted(Graphics2D g, String text, Font font, double x, double baseline, double maxWidth) {
        try {
            g.setFont(font);
            FontMetrics fm = g.getFontMetrics();
            String shown = text;
            // Fractional widths: inside a scaled transform fonts can be far smaller than one unit,
            // where integer stringWidth() rounds everything to zero.
            if (width(fm, g, shown) > maxWidth) {
                String ellipsis = font.canDisplay('\u2026') ? "\u2026" : "...";
                int end = shown.length();
                while (end > 0 && width(fm, g, shown.substring(0, end).stripTrailing() + ellipsis) > maxWidth) {
                    end--;
                }
                shown = end == 0 ? "" : shown.substring(0, end).stripTrailing() + ellipsis;
            }
            g.drawString(shown, (float) x, (float) baseline);
        } catch (RuntimeException | LinkageError e) {
            // Minimal containers can lack any font files; the picture is still usable without its
            // text, so a missing font must not fail the whole render.
        }
    }

    private static double width(FontMetrics fm, Graphics2D g, String text) {
        return fm.getStringBounds(text, g).getWidth();
    }

    /** Like {@link #fitted}, but first shrinks the font down to {@code minScale} of its size. */
    static void shrunk(Graphics2D g, String text, Font font, double x, double baseline, double maxWidth,
                       float minScale) {
        try {
            g.setFont(font);
            double width = g.getFontMetrics().getStringBounds(text, g).getWidth();
            Font use = font;
            if (width > maxWidth) {
                float scale = (float) Math.max(minScale, maxWidth / width);
                use = font.deriveFont(font.getSize2D() * scale);
            }
            fitted(g, text, use, x, baseline, maxWidth);
        } catch (RuntimeException | LinkageError e) {
            // See fitted.
        }
    }

    static void centered(Graphics2D g, String text, Font font, double cx, double baseline,
                         double maxWidth) {
        try {
            g.setFont(font);
            double natural = g.getFontMetrics().getStringBounds(text, g).getWidth();
            Font use = natural > maxWidth ? font.deriveFont((float) (font.getSize2D() * maxWidth / natural)) : font;
            g.setFont(use);
            double width = g.getFontMetrics().getStringBounds(text, g).getWidth();
            fitted(g, text, use, cx - width / 2, baseline, maxWidth * 1.01);
        } catch (RuntimeException | LinkageError e) {
            // See fitted: text is decoration, never a reason to fail.
        }
    }

    static void draw(Graphics2D g, String text, float x, float y) {
        try {
            g.drawString(text, x, y);
        } catch (RuntimeException | LinkageError e) {
            // See fitted.
        }
    }
}
