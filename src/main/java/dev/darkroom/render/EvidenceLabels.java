package dev.darkroom.render;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.util.Random;

/** The forensic furniture around an evidence object: a photographic scale and a manila evidence tag. */
final class EvidenceLabels {

    private EvidenceLabels() {
    }

    /** Forensic scale: a photographic ruler laid along the lower edge. */
    static void ruler(Graphics2D g, Random r, int w, int h, double s, boolean tagLeft) {
        double rw = s * 0.42;
        double rh = s * 0.05;
        double x = tagLeft ? w - rw - s * 0.05 : s * 0.05;
        double y = h - rh - s * 0.045;
        Graphics2D rg = (Graphics2D) g.create();
        try {
            rg.rotate(Math.toRadians((r.nextDouble() - 0.5) * 3), x + rw / 2, y + rh / 2);
            rg.setColor(new Color(0, 0, 0, 50));
            rg.fill(new Rectangle2D.Double(x + s * 0.004, y + s * 0.006, rw, rh));
            rg.setColor(new Color(0xF1EEE4));
            rg.fill(new Rectangle2D.Double(x, y, rw, rh));
            // Alternating black/white centimetre blocks along the top edge, as on ABFO scales.
            double cm = rw / 10.0;
            rg.setColor(new Color(0x1A1A1A));
            for (int i = 0; i < 10; i += 2) {
                rg.fill(new Rectangle2D.Double(x + i * cm, y, cm, rh * 0.22));
            }
            rg.setStroke(new BasicStroke((float) Math.max(0.8, s / 600)));
            for (int i = 0; i <= 50; i++) {
                double tx = x + i * cm / 5;
                double len = i % 5 == 0 ? rh * 0.32 : rh * 0.16;
                rg.draw(new Line2D.Double(tx, y + rh * 0.22, tx, y + rh * 0.22 + len));
            }
            Font f = new Font(Font.SANS_SERIF, Font.PLAIN, 1).deriveFont((float) (rh * 0.3));
            rg.setFont(f);
            for (int i = 1; i < 10; i++) {
                Text.draw(rg, Integer.toString(i), (float) (x + i * cm - rh * 0.08), (float) (y + rh * 0.9));
            }
            rg.setColor(new Color(0, 0, 0, 90));
            rg.setStroke(new BasicStroke(1f));
            rg.draw(new Rectangle2D.Double(x, y, rw, rh));
        } finally {
            rg.dispose();
        }
    }

    static void tag(Graphics2D g, Random r, String title, int w, int h, double s,
                    boolean left) {
        double tw = s * 0.42;
        double th = s * 0.19;
        double margin = s * 0.045;
        double x = left ? margin : w - tw - margin;
        double y = margin;
        Graphics2D tg = (Graphics2D) g.create();
        try {
            tg.rotate(Math.toRadians((r.nextDouble() - 0.5) * 6), x + tw / 2, y + th / 2);
            tg.setColor(new Color(0, 0, 0, 60));
            tg.fill(new RoundRectangle2D.Double(x + s * 0.005, y + s * 0.008, tw, th, s * 0.01, s * 0.01));
            tg.setColor(new Color(0xF4EBCF));
            tg.fill(new RoundRectangle2D.Double(x, y, tw, th, s * 0.01, s * 0.01));
            double band = th * 0.28;
            tg.setColor(new Color(0xA3261E));
            tg.fill(new Rectangle2D.Double(x, y + th * 0.06, tw, band));
            // Reinforced punch hole, as on a manila tag.
            double hr = s * 0.012;
            double hx = left ? x + tw - hr * 2.4 : x + hr * 2.4;
            double hy = y + th * 0.68;
            tg.setColor(new Color(0xC9B98E));
            tg.fill(new Ellipse2D.Double(hx - hr * 1.7, hy - hr * 1.7, hr * 3.4, hr * 3.4));
            tg.setColor(new Color(0x6E6A60));
            tg.fill(new Ellipse2D.Double(hx - hr, hy - hr, hr * 2, hr * 2));

            double pad = tw * 0.07;
            double textLeft = left ? x + pad : x + hr * 4.8;
            double textRight = left ? hx - hr * 2.4 : x + tw - pad;
            Font header = new Font(Font.SANS_SERIF, Font.BOLD, 1).deriveFont((float) (band * 0.62));
            tg.setColor(new Color(0xFBF4E0));
            Text.fitted(tg, "EVIDENCE", header, x + pad, y + th * 0.06 + band * 0.76, tw - pad * 2);

            tg.setColor(new Color(0x3A3A3A));
            Font small = new Font(Font.SANS_SERIF, Font.PLAIN, 1).deriveFont((float) (th * 0.11));
            int item = 1 + r.nextInt(48);
            int caseNo = 1000 + r.nextInt(9000);
            Text.fitted(tg, "CASE " + caseNo + "   ITEM " + item, small, textLeft, y + th * 0.51, textRight - textLeft);
            tg.setStroke(new BasicStroke((float) Math.max(0.6, s / 900)));
            tg.setColor(new Color(0, 0, 0, 60));
            tg.draw(new Line2D.Double(textLeft, y + th * 0.83, textRight, y + th * 0.83));
            tg.setColor(new Color(0x1E2A55));
            Font hand = new Font(Font.SERIF, Font.ITALIC, 1).deriveFont((float) (th * 0.2));
            String label = title.isEmpty() ? "Unlabelled item" : title;
            Text.shrunk(tg, label, hand, textLeft, y + th * 0.79, textRight - textLeft, 0.7f);
            tg.setColor(new Color(90, 70, 40, 90));
            tg.setStroke(new BasicStroke(1f));
            tg.draw(new RoundRectangle2D.Double(x, y, tw, th, s * 0.01, s * 0.01));
        } finally {
            tg.dispose();
        }
    }
}
