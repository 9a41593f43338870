package dev.darkroom.render;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RadialGradientPaint;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.ConvolveOp;
import java.awt.image.Kernel;
import java.util.Random;

/**
 * Composes an evidence photo: the object chosen by keyword, laid on a lit table with a soft shadow,
 * then the ruler and tag that make it read as a forensic record.
 */
final class EvidencePhoto {

    /** What the object is, from the first keyword group that matches. */
    private enum Subject { GUN, BLADE, KEY, BOTTLE, NECKLACE, RING, PHOTO, BOOK, PAPER, BOX }

    private EvidencePhoto() {
    }

    static void paint(Graphics2D g, Random r, String title, String titleLc, String allLc, int w, int h) {
        double s = Math.min(w, h);
        boolean tagLeft = r.nextBoolean();
        table(g, r, w, h);

        Subject type = classify(titleLc);
        if (type == Subject.BOX) {
            type = classify(allLc);
        }
        Prop prop = build(type, r, titleLc, allLc, s);

        double cx = w * (0.5 + (r.nextDouble() - 0.5) * 0.04);
        double cy = h * (0.53 + (r.nextDouble() - 0.5) * 0.03);
        AffineTransform at = new AffineTransform();
        at.translate(cx, cy);
        at.rotate(prop.angle());
        at.scale(s, s);
        Rectangle2D bounds = prop.silhouette().getBounds2D();
        at.translate(-bounds.getCenterX(), -bounds.getCenterY());
        Shape world = at.createTransformedShape(prop.silhouette());

        // Two shadows read as a real object lit from the upper left: a broad soft one and a tight
        // contact shadow that anchors it to the surface.
        softShadow(g, world, w, h, s * 0.035, s * 0.045, 6, prop.shadowStrength() * 0.55f);
        softShadow(g, world, w, h, s * 0.008, s * 0.012, 2, prop.shadowStrength() * 0.6f);

        Graphics2D og = (Graphics2D) g.create();
        try {
            og.transform(at);
            prop.painter().accept(og);
            if (Keywords.BLOOD.matcher(allLc).find() && prop.stainAt() != null) {
                stains(og, r, prop.silhouette(), prop.stainAt());
            }
        } finally {
            og.dispose();
        }

        EvidenceLabels.ruler(g, r, w, h, s, tagLeft);
        EvidenceLabels.tag(g, r, title, w, h, s, tagLeft);
        Film.vignette(g, w, h, 0.55f, 120);
    }

    private static Subject classify(String text) {
        if (Keywords.GUN.matcher(text).find()) {
            return Subject.GUN;
        }
        if (Keywords.BLADE.matcher(text).find()) {
            return Subject.BLADE;
        }
        if (Keywords.KEY.matcher(text).find()) {
            return Subject.KEY;
        }
        if (Keywords.BOTTLE.matcher(text).find()) {
            return Subject.BOTTLE;
        }
        if (Keywords.NECKLACE.matcher(text).find()) {
            return Subject.NECKLACE;
        }
        if (Keywords.RING.matcher(text).find()) {
            return Subject.RING;
        }
        if (Keywords.PHOTO.matcher(text).find()) {
            return Subject.PHOTO;
        }
        if (Keywords.BOOK.matcher(text).find()) {
            return Subject.BOOK;
        }
        if (Keywords.PAPER.matcher(text).find()) {
            return Subject.PAPER;
        }
        return Subject.BOX;
    }

    private static Prop build(Subject type, Random r, String titleLc, String allLc, double s) {
        return switch (type) {
            case GUN -> Weapons.revolver(r, allLc);
            case BLADE -> Weapons.blade(r, allLc);
            case KEY -> Metalwork.key(r, allLc);
            case BOTTLE -> Bottles.bottle(r, allLc);
            case NECKLACE -> Metalwork.necklace(r, allLc);
            case RING -> Metalwork.ring(r, allLc);
            case PHOTO -> Keepsakes.snapshot(r, titleLc, allLc, s);
            case BOOK -> Keepsakes.book(r);
            case PAPER -> Papers.paper(r, allLc);
            case BOX -> Keepsakes.box(r);
        };
    }

    /** Table-top ground: neutral base, faint grain and a soft top-left light falloff. */
    private static void table(Graphics2D g, Random r, int w, int h) {
        Color[] grounds = {
            new Color(0xB8B0A2), new Color(0xA9A59D), new Color(0xC2B39A), new Color(0x8F9498),
            new Color(0x9E9282), new Color(0xB5AD9C), new Color(0x7F7A72)
        };
        Color base = Colors.jitter(grounds[r.nextInt(grounds.length)], r, 6);
        g.setColor(base);
        g.fillRect(0, 0, w, h);

        boolean wood = r.nextInt(3) == 0;
        double s = Math.min(w, h);
        g.setStroke(new BasicStroke((float) Math.max(1, s / 400)));
        int lines = wood ? 90 : 160;
        for (int i = 0; i < lines; i++) {
            double y = r.nextDouble() * h;
            double amp = (wood ? 0.012 : 0.0008) * s;
            double freq = (wood ? 2 + r.nextDouble() * 3 : 6 + r.nextDouble() * 10) * Math.PI / w;
            double phase = r.nextDouble() * 10;
            Path2D p = new Path2D.Double();
            double x0 = wood ? -10 : r.nextDouble() * w;
            double x1 = wood ? w + 10 : x0 + (0.05 + r.nextDouble() * 0.25) * w;
            p.moveTo(x0, y + Math.sin(x0 * freq + phase) * amp);
            for (double x = x0; x <= x1; x += Math.max(4, w / 64.0)) {
                p.lineTo(x, y + Math.sin(x * freq + phase) * amp);
            }
            boolean dark = r.nextBoolean();
            g.setColor(dark ? new Color(40, 30, 20, wood ? 18 : 9) : new Color(255, 250, 240, wood ? 14 : 9));
            g.draw(p);
        }

        // Photographic light: brighter where the lamp points, darker towards the far corners.
        float radius = (float) (Math.hypot(w, h) * 0.75);
        g.setPaint(new RadialGradientPaint(new Point2D.Double(w * 0.38, h * 0.32), radius,
                new float[] {0f, 0.55f, 1f},
                new Color[] {new Color(255, 250, 235, 46), new Color(255, 250, 235, 0), new Color(0, 0, 0, 70)}));
        g.fillRect(0, 0, w, h);
    }

    /** Blurred shadow of {@code shape}; painted at quarter resolution and upscaled to keep it cheap. */
    private static void softShadow(Graphics2D g, Shape shape, int w, int h, double dx, double dy, int blur,
                                   float strength) {
        final int f = 4;
        int sw = w / f + 2;
        int sh = h / f + 2;
        BufferedImage mask = new BufferedImage(sw, sh, BufferedImage.TYPE_INT_ARGB);
        Graphics2D mg = mask.createGraphics();
        try {
            mg.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            mg.scale(1.0 / f, 1.0 / f);
            mg.translate(dx, dy);
            mg.setColor(new Color(20, 14, 8, Math.min(255, Math.round(255 * strength))));
            mg.fill(shape);
        } finally {
            mg.dispose();
        }
        int size = blur * 2 + 1;
        float[] k = new float[size];
        float sum = 0;
        for (int i = 0; i < size; i++) {
            double d = (i - blur) / (blur / 1.6 + 0.5);
            k[i] = (float) Math.exp(-d * d / 2);
            sum += k[i];
        }
        for (int i = 0; i < size; i++) {
            k[i] /= sum;
        }
        // Separable Gaussian: two 1-D passes are far cheaper than one 2-D kernel.
        mask = new ConvolveOp(new Kernel(size, 1, k), ConvolveOp.EDGE_NO_OP, null).filter(mask, null);
        mask = new ConvolveOp(new Kernel(1, size, k), ConvolveOp.EDGE_NO_OP, null).filter(mask, null);
        Object old = g.getRenderingHint(RenderingHints.KEY_INTERPOLATION);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(mask, 0, 0, sw * f, sh * f, null);
        if (old != null) {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, old);
        }
    }

    private static void stains(Graphics2D g, Random r, Shape clip, Point2D at) {
        Shape oldClip = g.getClip();
        g.clip(clip);
        int blobs = 3 + r.nextInt(4);
        for (int i = 0; i < blobs; i++) {
            double bx = at.getX() + (r.nextDouble() - 0.5) * 0.09;
            double by = at.getY() + (r.nextDouble() - 0.5) * 0.05;
            double rad = 0.008 + r.nextDouble() * 0.022;
            g.setColor(new Color(88 + r.nextInt(30), 12, 10, 150 + r.nextInt(70)));
            g.fill(Marks.blob(r, bx, by, rad));
        }
        // Dried blood has a darker rim; a few satellite specks sell the effect.
        g.setStroke(new BasicStroke(0.0025f));
        g.setColor(new Color(50, 6, 6, 120));
        for (int i = 0; i < 6; i++) {
            double bx = at.getX() + (r.nextDouble() - 0.5) * 0.16;
            double by = at.getY() + (r.nextDouble() - 0.5) * 0.08;
            double rad = 0.002 + r.nextDouble() * 0.005;
            g.fill(new Ellipse2D.Double(bx - rad, by - rad, rad * 2, rad * 2));
        }
        g.setClip(oldClip);
    }
}
