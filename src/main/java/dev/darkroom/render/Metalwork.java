package dev.darkroom.render;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.LinearGradientPaint;
import java.awt.MultipleGradientPaint;
import java.awt.RadialGradientPaint;
import java.awt.Shape;
import java.awt.geom.Arc2D;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.util.Random;
import java.util.function.Consumer;

/** Small metal objects (keys, rings, necklaces) and the brass-or-steel choice they share with blades. */
final class Metalwork {

    private Metalwork() {
    }

    /** Honours an explicit metal in the text; otherwise falls back to the seeded choice. */
    static boolean isWarm(String text, boolean fallback) {
        boolean warm = Keywords.WARM_METAL.matcher(text).find();
        boolean cool = Keywords.COOL_METAL.matcher(text).find();
        return warm == cool ? fallback : warm;
    }

    static Prop key(Random r, String allLc) {
        Area sil = new Area();
        double bowX = -0.24;
        double bowR = 0.085;
        boolean trefoil = r.nextBoolean();
        Area bow;
        if (trefoil) {
            bow = new Area();
            for (int i = 0; i < 3; i++) {
                double a = Math.PI + (i - 1) * 2 * Math.PI / 3;
                double lx = bowX + Math.cos(a) * bowR * 0.5;
                double ly = Math.sin(a) * bowR * 0.5;
                bow.add(new Area(new Ellipse2D.Double(lx - bowR * 0.6, ly - bowR * 0.6, bowR * 1.2, bowR * 1.2)));
            }
            bow.add(new Area(new Ellipse2D.Double(bowX - bowR * 0.55, -bowR * 0.55, bowR * 1.1, bowR * 1.1)));
            for (int i = 0; i < 3; i++) {
                double a = Math.PI + (i - 1) * 2 * Math.PI / 3;
                double lx = bowX + Math.cos(a) * bowR * 0.55;
                double ly = Math.sin(a) * bowR * 0.55;
                bow.subtract(new Area(new Ellipse2D.Double(lx - bowR * 0.25, ly - bowR * 0.25, bowR * 0.5,
                        bowR * 0.5)));
            }
        } else {
            bow = new Area(new Ellipse2D.Double(bowX - bowR, -bowR, bowR * 2, bowR * 2));
            bow.subtract(new Area(new Ellipse2D.Double(bowX - bowR * 0.58, -bowR * 0.58, bowR * 1.16,
                    bowR * 1.16)));
        }
        sil.add(bow);
        sil.add(new Area(new Rectangle2D.Double(bowX + bowR * 0.7, -0.017, 0.40, 0.034)));
        sil.add(new Area(new RoundRectangle2D.Double(-0.16, -0.028, 0.03, 0.056, 0.012, 0.012)));
        sil.add(new Area(new RoundRectangle2D.Double(-0.115, -0.024, 0.018, 0.048, 0.01, 0.01)));
        // Warded bit: wards are cut into the lower and outer edges, as on a real skeleton key.
        Area bit = new Area(new Rectangle2D.Double(0.20, 0.0, 0.085, 0.11));
        double notchW = 0.016 + r.nextDouble() * 0.008;
        bit.subtract(new Area(new Rectangle2D.Double(0.215 + r.nextDouble() * 0.01, 0.11 - 0.035, notchW, 0.04)));
        bit.subtract(new Area(new Rectangle2D.Double(0.25 + r.nextDouble() * 0.01, 0.11 - 0.02, notchW, 0.03)));
        bit.subtract(new Area(new Rectangle2D.Double(0.285 - 0.025, 0.035 + r.nextDouble() * 0.015, 0.03, 0.016)));
        sil.add(bit);
        sil.add(new Area(new Ellipse2D.Double(0.27, -0.022, 0.035, 0.044)));

        boolean brass = isWarm(allLc, r.nextInt(3) != 0);
        Color light = brass ? new Color(0xF0D27A) : new Color(0xB8BCC0);
        Color mid = brass ? new Color(0xB8902F) : new Color(0x6F747A);
        Color dark = brass ? new Color(0x6B4E14) : new Color(0x34383C);
        Consumer<Graphics2D> painter = g -> {
            g.setPaint(new LinearGradientPaint(new Point2D.Double(-0.1, -0.12), new Point2D.Double(0.1, 0.12),
                    new float[] {0f, 0.4f, 0.6f, 1f}, new Color[] {light, mid, light, dark},
                    MultipleGradientPaint.CycleMethod.REFLECT));
            g.fill(sil);
            g.setColor(new Color(255, 255, 230, 110));
            g.setStroke(new BasicStroke(0.004f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.draw(new Line2D.Double(-0.14, -0.009, 0.26, -0.009));
            g.setStroke(new BasicStroke(0.0025f));
            g.setColor(Colors.alpha(dark, 200));
            g.draw(sil);
            if (!brass) {
                // Iron keys pick up rust in the crevices.
                Shape old = g.getClip();
                g.clip(sil);
                Random rr = new Random(77);
                for (int i = 0; i < 14; i++) {
                    g.setColor(new Color(120, 60, 25, 40 + rr.nextInt(50)));
                    g.fill(Marks.blob(rr, -0.3 + rr.nextDouble() * 0.6, (rr.nextDouble() - 0.5) * 0.1,
                            0.01 + rr.nextDouble() * 0.02));
                }
                g.setClip(old);
            }
        };
        return new Prop(sil, painter, new Point2D.Double(0.2, 0.0), Prop.tilt(r, 35), 0.8f);
    }

    static Prop ring(Random r, String allLc) {
        double ro = 0.13;
        double ri = 0.098;
        Area band = new Area(new Ellipse2D.Double(-ro, -ro, ro * 2, ro * 2));
        band.subtract(new Area(new Ellipse2D.Double(-ri, -ri, ri * 2, ri * 2)));
        double gemR = 0.05;
        double gy = -ro - 0.01;
        Ellipse2D setting = new Ellipse2D.Double(-gemR * 1.15, gy - gemR * 1.15, gemR * 2.3, gemR * 2.3);
        Area sil = new Area(band);
        sil.add(new Area(setting));
        boolean gold = isWarm(allLc, r.nextInt(3) != 0);
        Color mLight = gold ? new Color(0xFCE79A) : new Color(0xF2F4F6);
        Color mMid = gold ? new Color(0xC99A2E) : new Color(0x9CA3AA);
        Color mDark = gold ? new Color(0x7A5512) : new Color(0x555B61);
        Color[] gems = {new Color(0xB0102A), new Color(0x0F7A4A), new Color(0x1B3FA0), new Color(0x6A2A9A),
            new Color(0xD8E8F0)};
        Color gem = gems[r.nextInt(gems.length)];
        Consumer<Graphics2D> painter = g -> {
            g.setPaint(new LinearGradientPaint(new Point2D.Double(-ro, -ro), new Point2D.Double(ro, ro),
                    new float[] {0f, 0.3f, 0.5f, 0.7f, 1f}, new Color[] {mLight, mMid, mLight, mDark, mMid}));
            g.fill(band);
            // Inner edge shading gives the band its rounded profile.
            g.setStroke(new BasicStroke(0.007f));
            g.setColor(Colors.alpha(mDark, 150));
            g.draw(new Ellipse2D.Double(-ri - 0.003, -ri - 0.003, (ri + 0.003) * 2, (ri + 0.003) * 2));
            g.setColor(new Color(255, 255, 240, 150));
            g.setStroke(new BasicStroke(0.004f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.draw(new Arc2D.Double(-ro + 0.012, -ro + 0.012, (ro - 0.012) * 2, (ro - 0.012) * 2, 110, 70,
                    Arc2D.OPEN));
            g.setPaint(new GradientPaint(0, (float) (gy - gemR), mLight, 0, (float) (gy + gemR), mDark));
            g.fill(setting);
            // Faceted stone: an octagon with a lit table and darker crown facets.
            Path2D oct = new Path2D.Double();
            for (int i = 0; i < 8; i++) {
                double a = Math.PI / 8 + i * Math.PI / 4;
                double x = Math.cos(a) * gemR;
                double y = gy + Math.sin(a) * gemR;
                if (i == 0) {
                    oct.moveTo(x, y);
                } else {
                    oct.lineTo(x, y);
                }
            }
            oct.closePath();
            g.setPaint(new RadialGradientPaint(new Point2D.Double(-gemR * 0.3, gy - gemR * 0.3), (float) gemR * 1.3f,
                    new float[] {0f, 0.5f, 1f}, new Color[] {gem.brighter().brighter(), gem, gem.darker().darker()}));
            g.fill(oct);
            g.setStroke(new BasicStroke(0.0018f));
            g.setColor(new Color(255, 255, 255, 90));
            Rectangle2D table = new Rectangle2D.Double(-gemR * 0.45, gy - gemR * 0.45, gemR * 0.9, gemR * 0.9);
            g.draw(table);
            for (int i = 0; i < 8; i++) {
                double a = Math.PI / 8 + i * Math.PI / 4;
                g.draw(new Line2D.Double(Math.cos(a) * gemR, gy + Math.sin(a) * gemR,
                        Math.signum(Math.cos(a)) * gemR * 0.45, gy + Math.signum(Math.sin(a)) * gemR * 0.45));
            }
            g.setColor(new Color(255, 255, 255, 200));
            g.fill(new Ellipse2D.Double(-gemR * 0.4, gy - gemR * 0.45, gemR * 0.3, gemR * 0.2));
            g.setColor(Colors.alpha(mDark, 220));
            g.setStroke(new BasicStroke(0.002f));
            g.draw(oct);
            g.draw(band);
        };
        return new Prop(sil, painter, new Point2D.Double(0, ro), Prop.tilt(r, 30), 0.75f);
    }

    static Prop necklace(Random r, String allLc) {
        Path2D chain = new Path2D.Double();
        double px = (r.nextDouble() - 0.5) * 0.06;
        double py = 0.17;
        chain.moveTo(px, py - 0.05);
        chain.curveTo(-0.42, 0.18, -0.34, -0.36, 0.0, -0.30);
        chain.curveTo(0.34, -0.26, 0.42, 0.14, px, py - 0.05);
        BasicStroke chainStroke = new BasicStroke(0.009f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
        Area sil = new Area(chainStroke.createStrokedShape(chain));
        Ellipse2D bezel = new Ellipse2D.Double(px - 0.065, py - 0.055, 0.13, 0.16);
        sil.add(new Area(bezel));
        boolean gold = isWarm(allLc, r.nextBoolean());
        Color metal = gold ? new Color(0xD4A63A) : new Color(0xC4C9CE);
        Color[] gems = {new Color(0xB0102A), new Color(0x0F7A4A), new Color(0x1B3FA0), new Color(0x3A1A4A)};
        Color gem = gems[r.nextInt(gems.length)];
        boolean locket = r.nextBoolean();
        Consumer<Graphics2D> painter = g -> {
            // Chain links: alternating dark and light dashes along the path look like small links.
            g.setColor(Colors.mix(metal, Color.BLACK, 0.45));
            g.setStroke(chainStroke);
            g.draw(chain);
            g.setColor(metal);
            g.setStroke(new BasicStroke(0.006f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f,
                    new float[] {0.007f, 0.004f}, 0f));
            g.draw(chain);
            g.setColor(new Color(255, 255, 240, 150));
            g.setStroke(new BasicStroke(0.002f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1f,
                    new float[] {0.003f, 0.008f}, 0f));
            g.draw(chain);
            g.setPaint(new GradientPaint((float) px - 0.06f, (float) py - 0.05f, metal.brighter(),
                    (float) px + 0.06f, (float) py + 0.1f, metal.darker()));
            g.fill(bezel);
            if (locket) {
                g.setColor(Colors.alpha(metal.darker().darker(), 160));
                g.setStroke(new BasicStroke(0.003f));
                g.draw(new Ellipse2D.Double(px - 0.045, py - 0.035, 0.09, 0.12));
                g.draw(new Arc2D.Double(px - 0.025, py - 0.005, 0.05, 0.06, 0, 360, Arc2D.OPEN));
            } else {
                Ellipse2D stone = new Ellipse2D.Double(px - 0.045, py - 0.035, 0.09, 0.12);
                g.setPaint(new RadialGradientPaint(new Point2D.Double(px - 0.015, py), 0.07f,
                        new float[] {0f, 1f}, new Color[] {gem.brighter().brighter(), gem.darker()}));
                g.fill(stone);
                g.setColor(new Color(255, 255, 255, 190));
                g.fill(new Ellipse2D.Double(px - 0.03, py - 0.02, 0.02, 0.014));
            }
            g.setColor(Colors.alpha(metal.darker().darker(), 200));
            g.setStroke(new BasicStroke(0.002f));
            g.draw(bezel);
        };
        return new Prop(sil, painter, new Point2D.Double(px, py), Prop.tilt(r, 20), 0.55f);
    }
}
