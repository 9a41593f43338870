package dev.darkroom.provider;

import dev.darkroom.job.ImageKind;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.LinearGradientPaint;
import java.awt.MultipleGradientPaint;
import java.awt.RadialGradientPaint;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Arc2D;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.ConvolveOp;
import java.awt.image.DataBufferInt;
import java.awt.image.Kernel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Random;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Procedurally paints placeholder artwork for evidence items and locations.
 *
 * <p>Output depends only on the arguments: the random source is seeded from a SHA-256 of the text,
 * so the same request always produces a pixel-identical image and results can be cached or diffed.
 * Only plain Java2D and logical fonts are used so rendering works in headless containers.
 */
public final class SceneRenderer {

    private static final int MAX_DIMENSION = 4096;

    // Keyword groups match at the start of a word so plurals and derived forms still hit
    // ("keys", "photograph") without matching inside unrelated words ("whiskey", "string").
    private static final Pattern GUN = words("gun", "pistol", "revolver", "firearm", "derringer", "handgun");
    private static final Pattern BLADE = words("knife", "knives", "opener", "dagger", "blade", "razor",
            "stiletto", "scalpel", "sword", "cleaver");
    private static final Pattern KEY = words("key");
    private static final Pattern BOTTLE = words("bottle", "vial", "poison", "glass", "flask", "phial",
            "decanter", "tincture", "arsenic", "cyanide", "laudanum", "potion");
    private static final Pattern POISON = words("poison", "arsenic", "cyanide", "toxic", "strychnine",
            "belladonna");
    private static final Pattern WARM_METAL = words("brass", "gold", "golden", "bronze", "copper", "gilt");
    private static final Pattern COOL_METAL = words("silver", "iron", "steel", "nickel", "rusty", "rusted",
            "pewter", "platinum", "chrome");
    private static final Pattern BRIGHT_FINISH = words("nickel", "silver", "chrome", "plated");
    private static final Pattern VIAL = words("vial", "phial", "ampoule", "tube");
    private static final Pattern NECKLACE = words("necklace", "pendant", "locket", "chain", "brooch", "amulet");
    private static final Pattern RING = words("ring", "jewel", "gem", "diamond", "signet", "emerald", "ruby",
            "sapphire");
    private static final Pattern PHOTO = words("photo", "polaroid", "snapshot", "portrait");
    private static final Pattern BOOK = words("book", "notebook", "ledger", "journal", "tome", "bible",
            "almanac");
    private static final Pattern PAPER = words("letter", "note", "paper", "diary", "page", "map", "telegram",
            "receipt", "document", "deed", "contract", "memo", "envelope", "newspaper", "scroll", "ticket",
            "chart", "will\\b", "invitation");
    private static final Pattern MAP = words("map", "chart", "plan\\b", "plans\\b");
    private static final Pattern TORN = words("torn", "ripped", "scrap", "fragment", "burnt", "burned",
            "charred", "half\\b");
    private static final Pattern BLOOD = words("blood", "stain", "bloodied", "bloody", "gore");
    private static final Pattern RULED = words("diary", "page", "notebook", "journal");

    private static final Pattern INTERIOR = words("library", "study", "room\\b", "rooms\\b", "hall\\b",
            "hallway", "interior", "ballroom", "bedroom", "parlour", "parlor", "salon", "office", "chamber",
            "cellar", "attic", "kitchen", "gallery", "conservatory", "drawing.room", "dining", "corridor",
            "inside", "vault");
    private static final Pattern SHELVES = words("library", "study", "archive", "office", "book");
    private static final Pattern WATER = words("harbour", "harbor", "dock", "pier", "sea\\b", "seas\\b",
            "seaside", "lake", "river", "quay", "wharf", "shore", "beach", "port\\b", "marina", "canal",
            "bay\\b", "jetty", "ocean", "coast", "boathouse", "pond");
    private static final Pattern JETTY = words("harbour", "harbor", "dock", "pier", "quay", "wharf", "port\\b",
            "marina", "jetty", "boathouse");
    private static final Pattern TREES = words("garden", "park", "forest", "woods\\b", "woodland", "orchard",
            "grove", "copse", "maze", "arboretum", "cemetery", "graveyard", "churchyard");
    private static final Pattern CONIFERS = words("forest", "woods\\b", "woodland", "pine", "fir\\b");
    private static final Pattern STREET = words("street", "alley", "town", "city", "lane", "road", "square",
            "market", "village", "avenue", "district", "station", "slum", "quarter", "boulevard");
    private static final Pattern HOUSE = words("manor", "mansion", "house", "castle", "estate", "cottage",
            "villa", "abbey", "lodge", "tower", "chateau", "keep\\b", "grange", "rectory", "vicarage", "church",
            "chapel");
    private static final Pattern CASTLE = words("castle", "keep\\b", "fortress", "tower");
    private static final Pattern NIGHT = words("night", "midnight", "dark", "moon", "gloom", "pitch",
            "nocturn", "late\\b");
    private static final Pattern DARK = words("dark", "midnight", "pitch", "gloom", "black");
    private static final Pattern DAWN = words("dawn", "morning", "sunrise", "daybreak", "first light");
    private static final Pattern FOG = words("fog", "mist", "haze", "foggy", "misty", "murk", "smog");
    private static final Pattern RAIN = words("rain", "storm", "drizzle", "downpour", "shower", "wet\\b",
            "thunder", "tempest");
    private static final Pattern STORM = words("storm", "thunder", "lightning", "tempest", "gale");

    private enum Prop3 { GUN, BLADE, KEY, BOTTLE, NECKLACE, RING, PHOTO, BOOK, PAPER, BOX }

    private enum Place { INTERIOR, WATER, TREES, STREET, HOUSE, HILLS }

    /** A drawable object in local units (roughly -0.4..0.4), with its outline for the shadow pass. */
    private record Prop(Shape silhouette, Consumer<Graphics2D> painter, Point2D stainAt, double angle,
                        float shadowStrength) {
    }

    private record Palette(Color top, Color mid, Color low, boolean night, boolean warm) {
    }

    public SceneRenderer() {
    }

    /**
     * Paints an image for the given subject.
     *
     * @param kind        what the picture shows
     * @param name        short title, shown on the evidence tag or the location caption
     * @param description free text whose keywords steer the drawing; may be null or blank
     */
    public BufferedImage render(ImageKind kind, String name, String description, int width, int height) {
        if (kind == null) {
            throw new IllegalArgumentException("kind must not be null");
        }
        if (width <= 0 || height <= 0 || width > MAX_DIMENSION || height > MAX_DIMENSION) {
            throw new IllegalArgumentException("image size must be between 1 and " + MAX_DIMENSION
                    + " pixels per side, got " + width + "x" + height);
        }
        String title = name == null ? "" : name.strip();
        String desc = description == null ? "" : description.strip();
        long seed = seedOf(kind, title, desc);
        Random rnd = new Random(seed);
        String titleLc = title.toLowerCase(Locale.ROOT);
        String allLc = (title + " " + desc).toLowerCase(Locale.ROOT);

        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            applyQualityHints(g);
            if (kind == ImageKind.EVIDENCE) {
                renderEvidence(g, rnd, title, titleLc, allLc, width, height);
            } else {
                renderLocation(g, rnd, title, titleLc, allLc, width, height, true);
            }
        } finally {
            g.dispose();
        }
        addGrain(img, seed);
        return img;
    }

    // ------------------------------------------------------------------------------------------
    // Evidence
    // ------------------------------------------------------------------------------------------

    private void renderEvidence(Graphics2D g, Random r, String title, String titleLc, String allLc, int w, int h) {
        double s = Math.min(w, h);
        boolean tagLeft = r.nextBoolean();
        paintTable(g, r, w, h);

        Prop3 type = classifyProp(titleLc);
        if (type == Prop3.BOX) {
            type = classifyProp(allLc);
        }
        Prop prop = buildProp(type, r, titleLc, allLc, s);

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
            if (BLOOD.matcher(allLc).find() && prop.stainAt() != null) {
                paintStains(og, r, prop.silhouette(), prop.stainAt());
            }
        } finally {
            og.dispose();
        }

        paintRuler(g, r, w, h, s, tagLeft);
        paintEvidenceTag(g, r, title, w, h, s, tagLeft);
        vignette(g, w, h, 0.55f, 120);
    }

    private static Prop3 classifyProp(String text) {
        if (GUN.matcher(text).find()) {
            return Prop3.GUN;
        }
        if (BLADE.matcher(text).find()) {
            return Prop3.BLADE;
        }
        if (KEY.matcher(text).find()) {
            return Prop3.KEY;
        }
        if (BOTTLE.matcher(text).find()) {
            return Prop3.BOTTLE;
        }
        if (NECKLACE.matcher(text).find()) {
            return Prop3.NECKLACE;
        }
        if (RING.matcher(text).find()) {
            return Prop3.RING;
        }
        if (PHOTO.matcher(text).find()) {
            return Prop3.PHOTO;
        }
        if (BOOK.matcher(text).find()) {
            return Prop3.BOOK;
        }
        if (PAPER.matcher(text).find()) {
            return Prop3.PAPER;
        }
        return Prop3.BOX;
    }

    private Prop buildProp(Prop3 type, Random r, String titleLc, String allLc, double s) {
        return switch (type) {
            case GUN -> revolver(r, allLc);
            case BLADE -> blade(r, allLc);
            case KEY -> key(r, allLc);
            case BOTTLE -> bottle(r, allLc);
            case NECKLACE -> necklace(r, allLc);
            case RING -> ring(r, allLc);
            case PHOTO -> polaroid(r, titleLc, allLc, s);
            case BOOK -> book(r);
            case PAPER -> paper(r, allLc);
            case BOX -> box(r);
        };
    }

    /** Table-top ground: neutral base, faint grain and a soft top-left light falloff. */
    private static void paintTable(Graphics2D g, Random r, int w, int h) {
        Color[] grounds = {
            new Color(0xB8B0A2), new Color(0xA9A59D), new Color(0xC2B39A), new Color(0x8F9498),
            new Color(0x9E9282), new Color(0xB5AD9C), new Color(0x7F7A72)
        };
        Color base = jitter(grounds[r.nextInt(grounds.length)], r, 6);
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

    private static void paintStains(Graphics2D g, Random r, Shape clip, Point2D at) {
        Shape oldClip = g.getClip();
        g.clip(clip);
        int blobs = 3 + r.nextInt(4);
        for (int i = 0; i < blobs; i++) {
            double bx = at.getX() + (r.nextDouble() - 0.5) * 0.09;
            double by = at.getY() + (r.nextDouble() - 0.5) * 0.05;
            double rad = 0.008 + r.nextDouble() * 0.022;
            g.setColor(new Color(88 + r.nextInt(30), 12, 10, 150 + r.nextInt(70)));
            g.fill(blob(r, bx, by, rad));
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

    private static Shape blob(Random r, double cx, double cy, double rad) {
        Path2D p = new Path2D.Double();
        int n = 9;
        double[] rr = new double[n];
        for (int i = 0; i < n; i++) {
            rr[i] = rad * (0.7 + r.nextDouble() * 0.6);
        }
        for (int i = 0; i <= n; i++) {
            double a0 = 2 * Math.PI * i / n;
            double a1 = 2 * Math.PI * (i + 0.5) / n;
            double x = cx + Math.cos(a0) * rr[i % n];
            double y = cy + Math.sin(a0) * rr[i % n];
            if (i == 0) {
                p.moveTo(x, y);
            } else {
                double r1 = (rr[(i - 1) % n] + rr[i % n]) / 2 * 1.08;
                p.quadTo(cx + Math.cos(a1 - Math.PI / n) * r1, cy + Math.sin(a1 - Math.PI / n) * r1, x, y);
            }
        }
        p.closePath();
        return p;
    }

    private static double tilt(Random r, double range) {
        return Math.toRadians((r.nextDouble() * 2 - 1) * range);
    }

    private Prop blade(Random r, String allLc) {
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
        Color handleCol = jitter(handles[r.nextInt(handles.length)], r, 8);
        Color fitting = metalIsWarm(allLc, r.nextBoolean()) ? new Color(0xB8923A) : new Color(0xB9BEC4);
        boolean wrapped = r.nextBoolean();

        Consumer<Graphics2D> painter = g -> {
            g.setPaint(new LinearGradientPaint(new Point2D.Double(0, -0.032), new Point2D.Double(0, 0.032),
                    new float[] {0f, 0.45f, 0.55f, 1f},
                    new Color[] {metalLight, mix(metalLight, metalDark, 0.35), mix(metalLight, metalDark, 0.7),
                        metalDark}));
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

    private Prop paper(Random r, String allLc) {
        boolean torn = TORN.matcher(allLc).find();
        boolean map = MAP.matcher(allLc).find();
        boolean ruled = RULED.matcher(allLc).find();
        double hw = map ? 0.31 : 0.25;
        double hh = map ? 0.24 : 0.32;
        Path2D sheet = new Path2D.Double();
        sheet.moveTo(-hw, -hh);
        if (torn) {
            // Ragged diagonal tear across the lower part: the letter is missing its ending.
            double tearY = hh * (0.1 + r.nextDouble() * 0.35);
            sheet.lineTo(hw, -hh);
            sheet.lineTo(hw, tearY - 0.06);
            int steps = 26;
            for (int i = 1; i <= steps; i++) {
                double t = (double) i / steps;
                double x = hw - t * 2 * hw;
                double y = tearY - 0.06 + t * 0.12 + (r.nextDouble() - 0.5) * 0.022;
                sheet.lineTo(x, y);
            }
            sheet.lineTo(-hw, -hh);
        } else {
            sheet.lineTo(hw, -hh);
            sheet.lineTo(hw, hh);
            sheet.lineTo(-hw, hh);
        }
        sheet.closePath();

        Color[] papers = {new Color(0xF3ECDC), new Color(0xEDE3CB), new Color(0xF6F3EA), new Color(0xE6D7B8)};
        Color paperCol = jitter(papers[r.nextInt(papers.length)], r, 5);
        Color[] inks = {new Color(0x1E2A4A), new Color(0x2A2320), new Color(0x4A2E1C), new Color(0x1A1A1A)};
        Color ink = inks[r.nextInt(inks.length)];
        long detail = r.nextLong();

        Consumer<Graphics2D> painter = g -> {
            Random pr = new Random(detail);
            g.setPaint(new GradientPaint((float) -hw, (float) -hh, paperCol, (float) hw, (float) hh,
                    mix(paperCol, new Color(0xC9B48C), 0.35)));
            g.fill(sheet);
            Shape old = g.getClip();
            g.clip(sheet);
            // Fold creases: a dark/light line pair reads as a paper ridge.
            double[] folds = map ? new double[] {0} : new double[] {-hh / 3, hh / 3};
            for (double fy : folds) {
                g.setStroke(new BasicStroke(0.004f));
                g.setColor(new Color(120, 100, 70, 55));
                g.draw(new Line2D.Double(-hw, fy, hw, fy));
                g.setColor(new Color(255, 255, 255, 90));
                g.draw(new Line2D.Double(-hw, fy + 0.004, hw, fy + 0.004));
            }
            if (map) {
                g.setColor(new Color(120, 100, 70, 60));
                g.setStroke(new BasicStroke(0.004f));
                g.draw(new Line2D.Double(0, -hh, 0, hh));
                drawMap(g, pr, hw, hh, ink);
            } else {
                double lineGap = 0.038;
                if (ruled) {
                    g.setStroke(new BasicStroke(0.0016f));
                    g.setColor(new Color(90, 120, 170, 70));
                    for (double y = -hh + 0.07; y < hh - 0.02; y += lineGap) {
                        g.draw(new Line2D.Double(-hw, y, hw, y));
                    }
                    g.setColor(new Color(190, 70, 70, 70));
                    g.draw(new Line2D.Double(-hw + 0.06, -hh, -hw + 0.06, hh));
                }
                g.setStroke(new BasicStroke(0.0026f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
                g.setColor(alpha(ink, 200));
                double left = -hw + 0.05;
                double right = hw - 0.04;
                double y = -hh + 0.07;
                scribble(g, pr, right - 0.12, y - 0.02, right, 0.009);          // date
                y += lineGap * 1.2;
                scribble(g, pr, left, y, left + 0.12, 0.011);                     // salutation
                y += lineGap;
                int lines = 0;
                while (y < hh - 0.08) {
                    double indent = lines == 0 ? 0.03 : 0;
                    double end = pr.nextInt(6) == 0 ? left + (right - left) * (0.3 + pr.nextDouble() * 0.4) : right;
                    scribble(g, pr, left + indent, y, end, 0.010);
                    y += lineGap;
                    lines++;
                }
                scribble(g, pr, right - 0.14, hh - 0.05, right - 0.02, 0.013);  // signature
            }
            // Age spots and a darker edge from handling.
            for (int i = 0; i < 5; i++) {
                double bx = (pr.nextDouble() * 2 - 1) * hw;
                double by = (pr.nextDouble() * 2 - 1) * hh;
                double rad = 0.01 + pr.nextDouble() * 0.04;
                g.setColor(new Color(150, 110, 60, 14 + pr.nextInt(14)));
                g.fill(blob(pr, bx, by, rad));
            }
            g.setClip(old);
            g.setStroke(new BasicStroke(0.008f));
            g.setColor(new Color(140, 110, 70, 40));
            g.draw(sheet);
            g.setStroke(new BasicStroke(0.0015f));
            g.setColor(new Color(90, 70, 50, 90));
            g.draw(sheet);
        };
        return new Prop(sheet, painter, new Point2D.Double(hw * 0.4, -hh * 0.4), tilt(r, 9), 0.45f);
    }

    private static void drawMap(Graphics2D g, Random r, double hw, double hh, Color ink) {
        // Coastline
        Path2D coast = new Path2D.Double();
        double x = -hw * 0.2;
        coast.moveTo(x, -hh);
        for (double y = -hh; y <= hh; y += 0.02) {
            x += (r.nextDouble() - 0.5) * 0.04;
            coast.lineTo(x + Math.sin(y * 12) * 0.03, y);
        }
        coast.lineTo(-hw, hh);
        coast.lineTo(-hw, -hh);
        coast.closePath();
        g.setColor(new Color(110, 150, 170, 60));
        g.fill(coast);
        g.setStroke(new BasicStroke(0.003f));
        g.setColor(alpha(ink, 150));
        g.draw(coast);
        // Roads
        g.setStroke(new BasicStroke(0.0025f));
        for (int i = 0; i < 5; i++) {
            Path2D road = new Path2D.Double();
            double rx = -hw * 0.1 + r.nextDouble() * hw;
            double ry = -hh;
            road.moveTo(rx, ry);
            while (ry < hh) {
                ry += 0.05;
                rx += (r.nextDouble() - 0.45) * 0.08;
                road.lineTo(rx, ry);
            }
            g.draw(road);
        }
        // Dotted route ending in a cross
        g.setColor(new Color(160, 30, 25, 200));
        g.setStroke(new BasicStroke(0.004f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1f,
                new float[] {0.008f, 0.012f}, 0f));
        Path2D route = new Path2D.Double();
        double px = -hw * 0.05;
        double py = hh * 0.7;
        route.moveTo(px, py);
        double ex = hw * 0.6;
        double ey = -hh * 0.5;
        route.curveTo(px + 0.1, py - 0.2, ex - 0.15, ey + 0.15, ex, ey);
        g.draw(route);
        g.setStroke(new BasicStroke(0.007f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(new Line2D.Double(ex - 0.02, ey - 0.02, ex + 0.02, ey + 0.02));
        g.draw(new Line2D.Double(ex - 0.02, ey + 0.02, ex + 0.02, ey - 0.02));
        // Compass rose
        g.setColor(alpha(ink, 140));
        g.setStroke(new BasicStroke(0.0025f));
        double cx = hw * 0.7;
        double cy = hh * 0.65;
        g.draw(new Ellipse2D.Double(cx - 0.035, cy - 0.035, 0.07, 0.07));
        Path2D star = new Path2D.Double();
        star.moveTo(cx, cy - 0.05);
        star.lineTo(cx + 0.01, cy);
        star.lineTo(cx, cy + 0.05);
        star.lineTo(cx - 0.01, cy);
        star.closePath();
        g.fill(star);
    }

    /** Imitates a line of cursive handwriting: words made of arches of varying height. */
    private static void scribble(Graphics2D g, Random r, double x0, double y, double x1, double xh) {
        double x = x0;
        while (x < x1 - xh) {
            double wordLen = Math.min(xh * (2.5 + r.nextDouble() * 6), x1 - x);
            Path2D p = new Path2D.Double();
            p.moveTo(x, y);
            double cx = x;
            double slant = xh * 0.3;
            while (cx < x + wordLen) {
                double step = xh * (0.7 + r.nextDouble() * 0.5);
                double top = r.nextInt(8) == 0 ? xh * 1.8 : xh * (0.65 + r.nextDouble() * 0.3);
                double bottom = r.nextInt(14) == 0 ? -xh * 0.8 : 0;
                // Rounded humps rather than peaks: control points sit inside the letter body.
                p.curveTo(cx + slant * 0.5, y - top * 1.2, cx + step * 0.5 + slant, y - top * 1.2,
                        cx + step * 0.55, y - bottom);
                p.curveTo(cx + step * 0.65, y - top * 0.3, cx + step * 0.85, y - top * 0.2, cx + step, y);
                cx += step;
            }
            g.draw(p);
            x += wordLen + xh * (1.0 + r.nextDouble() * 0.8);
        }
    }

    /** Honours an explicit metal in the text; otherwise falls back to the seeded choice. */
    private static boolean metalIsWarm(String text, boolean fallback) {
        boolean warm = WARM_METAL.matcher(text).find();
        boolean cool = COOL_METAL.matcher(text).find();
        return warm == cool ? fallback : warm;
    }

    private Prop key(Random r, String allLc) {
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

        boolean brass = metalIsWarm(allLc, r.nextInt(3) != 0);
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
            g.setColor(alpha(dark, 200));
            g.draw(sil);
            if (!brass) {
                // Iron keys pick up rust in the crevices.
                Shape old = g.getClip();
                g.clip(sil);
                Random rr = new Random(77);
                for (int i = 0; i < 14; i++) {
                    g.setColor(new Color(120, 60, 25, 40 + rr.nextInt(50)));
                    g.fill(blob(rr, -0.3 + rr.nextDouble() * 0.6, (rr.nextDouble() - 0.5) * 0.1,
                            0.01 + rr.nextDouble() * 0.02));
                }
                g.setClip(old);
            }
        };
        return new Prop(sil, painter, new Point2D.Double(0.2, 0.0), tilt(r, 35), 0.8f);
    }

    private Prop bottle(Random r, String allLc) {
        boolean poison = POISON.matcher(allLc).find();
        boolean vial = VIAL.matcher(allLc).find();
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
            g.setColor(alpha(glass, 110));
            g.fill(body);
            Shape old = g.getClip();
            g.clip(body);
            g.setPaint(new GradientPaint((float) -bw, 0, alpha(mix(liquid, glass, 0.4), 220), (float) bw, 0,
                    alpha(mix(liquid, Color.BLACK, 0.45), 230)));
            g.fill(new Rectangle2D.Double(-bw, level, bw * 2, bottom - level + 0.01));
            g.setColor(alpha(liquid.brighter(), 150));
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
                drawSkull(g, 0, 0.07, 0.022);
                Font f = new Font(Font.SERIF, Font.BOLD, 1).deriveFont((float) Math.min(0.03, bw * 0.42));
                drawCentered(g, "POISON", f, 0, 0.145, bw * 1.55);
            } else {
                g.setColor(new Color(60, 40, 30, 170));
                g.setStroke(new BasicStroke(0.0025f));
                Random lr = new Random(5);
                scribble(g, lr, -bw * 0.6, 0.075, bw * 0.6, 0.008);
                scribble(g, lr, -bw * 0.5, 0.12, bw * 0.4, 0.007);
            }
            g.setStroke(new BasicStroke(0.003f));
            g.setColor(alpha(mix(glass, Color.BLACK, 0.5), 190));
            g.draw(body);

            g.setPaint(new GradientPaint((float) -neckW, 0, alpha(glass.brighter(), 230), (float) neckW, 0,
                    alpha(glass.darker(), 230)));
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
        return new Prop(sil, painter, new Point2D.Double(0, bottom - 0.05), tilt(r, 25), 0.5f);
    }

    private static void drawSkull(Graphics2D g, double cx, double cy, double rad) {
        Area skull = new Area(new Ellipse2D.Double(cx - rad, cy - rad, rad * 2, rad * 1.8));
        skull.add(new Area(new RoundRectangle2D.Double(cx - rad * 0.6, cy + rad * 0.4, rad * 1.2, rad * 0.8,
                rad * 0.3, rad * 0.3)));
        skull.subtract(new Area(new Ellipse2D.Double(cx - rad * 0.65, cy - rad * 0.25, rad * 0.5, rad * 0.5)));
        skull.subtract(new Area(new Ellipse2D.Double(cx + rad * 0.15, cy - rad * 0.25, rad * 0.5, rad * 0.5)));
        skull.subtract(new Area(new Rectangle2D.Double(cx - rad * 0.05, cy + rad * 0.8, rad * 0.1, rad * 0.4)));
        g.fill(skull);
    }

    private Prop ring(Random r, String allLc) {
        double ro = 0.13;
        double ri = 0.098;
        Area band = new Area(new Ellipse2D.Double(-ro, -ro, ro * 2, ro * 2));
        band.subtract(new Area(new Ellipse2D.Double(-ri, -ri, ri * 2, ri * 2)));
        double gemR = 0.05;
        double gy = -ro - 0.01;
        Ellipse2D setting = new Ellipse2D.Double(-gemR * 1.15, gy - gemR * 1.15, gemR * 2.3, gemR * 2.3);
        Area sil = new Area(band);
        sil.add(new Area(setting));
        boolean gold = metalIsWarm(allLc, r.nextInt(3) != 0);
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
            g.setColor(alpha(mDark, 150));
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
            g.setColor(alpha(mDark, 220));
            g.setStroke(new BasicStroke(0.002f));
            g.draw(oct);
            g.draw(band);
        };
        return new Prop(sil, painter, new Point2D.Double(0, ro), tilt(r, 30), 0.75f);
    }

    private Prop necklace(Random r, String allLc) {
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
        boolean gold = metalIsWarm(allLc, r.nextBoolean());
        Color metal = gold ? new Color(0xD4A63A) : new Color(0xC4C9CE);
        Color[] gems = {new Color(0xB0102A), new Color(0x0F7A4A), new Color(0x1B3FA0), new Color(0x3A1A4A)};
        Color gem = gems[r.nextInt(gems.length)];
        boolean locket = r.nextBoolean();
        Consumer<Graphics2D> painter = g -> {
            // Chain links: alternating dark and light dashes along the path look like small links.
            g.setColor(mix(metal, Color.BLACK, 0.45));
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
                g.setColor(alpha(metal.darker().darker(), 160));
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
            g.setColor(alpha(metal.darker().darker(), 200));
            g.setStroke(new BasicStroke(0.002f));
            g.draw(bezel);
        };
        return new Prop(sil, painter, new Point2D.Double(px, py), tilt(r, 20), 0.55f);
    }

    private Prop revolver(Random r, String allLc) {
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

        boolean nickel = BRIGHT_FINISH.matcher(allLc).find() || r.nextInt(3) == 0;
        Color steelLight = nickel ? new Color(0xD8DCE0) : new Color(0x5A6068);
        Color steelDark = nickel ? new Color(0x6E757C) : new Color(0x15181C);
        Color[] grips = {new Color(0x5A2E18), new Color(0x3A2214), new Color(0xE6DCC8), new Color(0x2A2A2A)};
        Color gripCol = grips[r.nextInt(grips.length)];
        Consumer<Graphics2D> painter = g -> {
            g.setPaint(new LinearGradientPaint(new Point2D.Double(0, -0.11), new Point2D.Double(0, 0.04),
                    new float[] {0f, 0.35f, 1f}, new Color[] {steelLight, mix(steelLight, steelDark, 0.5), steelDark}));
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
        return new Prop(sil, painter, new Point2D.Double(0.3, -0.065), tilt(r, 18), 0.8f);
    }

    private Prop book(Random r) {
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
        Color leather = jitter(leathers[r.nextInt(leathers.length)], r, 8);
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
            g.setColor(alpha(leather.darker().darker(), 200));
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
                g.fill(blob(br, (br.nextDouble() * 2 - 1) * hw, (br.nextDouble() * 2 - 1) * hh,
                        0.01 + br.nextDouble() * 0.03));
            }
            g.setColor(new Color(0, 0, 0, 120));
            g.setStroke(new BasicStroke(0.002f));
            g.draw(cover);
        };
        return new Prop(sil, painter, new Point2D.Double(hw * 0.5, hh * 0.5), tilt(r, 14), 0.7f);
    }

    private Prop polaroid(Random r, String titleLc, String allLc, double s) {
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
            applyQualityHints(sg);
            renderLocation(sg, new Random(r.nextLong()), "", titleLc, allLc, px, px, false);
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
        Color frameCol = jitter(new Color(0xF2EFE6), r, 4);
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
            scribble(g, new Random(detail), -hw + 0.05, bottom - 0.035, hw - 0.08, 0.011);
            g.setColor(new Color(150, 140, 120, 120));
            g.setStroke(new BasicStroke(0.0015f));
            g.draw(frame);
        };
        return new Prop(frame, painter, new Point2D.Double(0, 0), tilt(r, 12), 0.5f);
    }

    private Prop box(Random r) {
        double hw = 0.22 + r.nextDouble() * 0.06;
        double hh = 0.15 + r.nextDouble() * 0.05;
        RoundRectangle2D lid = new RoundRectangle2D.Double(-hw, -hh, hw * 2, hh * 2, 0.02, 0.02);
        Color[] woods = {new Color(0x6B4226), new Color(0x8A5A34), new Color(0x3E2A1E), new Color(0x9C7B57)};
        Color wood = jitter(woods[r.nextInt(woods.length)], r, 8);
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
        return new Prop(lid, painter, new Point2D.Double(hw * 0.4, 0), tilt(r, 20), 0.8f);
    }

    /** Forensic scale: a photographic ruler laid along the lower edge. */
    private static void paintRuler(Graphics2D g, Random r, int w, int h, double s, boolean tagLeft) {
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
                safeDrawString(rg, Integer.toString(i), (float) (x + i * cm - rh * 0.08), (float) (y + rh * 0.9));
            }
            rg.setColor(new Color(0, 0, 0, 90));
            rg.setStroke(new BasicStroke(1f));
            rg.draw(new Rectangle2D.Double(x, y, rw, rh));
        } finally {
            rg.dispose();
        }
    }

    private static void paintEvidenceTag(Graphics2D g, Random r, String title, int w, int h, double s,
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
            drawFitted(tg, "EVIDENCE", header, x + pad, y + th * 0.06 + band * 0.76, tw - pad * 2);

            tg.setColor(new Color(0x3A3A3A));
            Font small = new Font(Font.SANS_SERIF, Font.PLAIN, 1).deriveFont((float) (th * 0.11));
            int item = 1 + r.nextInt(48);
            int caseNo = 1000 + r.nextInt(9000);
            drawFitted(tg, "CASE " + caseNo + "   ITEM " + item, small, textLeft, y + th * 0.51, textRight - textLeft);
            tg.setStroke(new BasicStroke((float) Math.max(0.6, s / 900)));
            tg.setColor(new Color(0, 0, 0, 60));
            tg.draw(new Line2D.Double(textLeft, y + th * 0.83, textRight, y + th * 0.83));
            tg.setColor(new Color(0x1E2A55));
            Font hand = new Font(Font.SERIF, Font.ITALIC, 1).deriveFont((float) (th * 0.2));
            String label = title.isEmpty() ? "Unlabelled item" : title;
            drawShrunk(tg, label, hand, textLeft, y + th * 0.79, textRight - textLeft, 0.7f);
            tg.setColor(new Color(90, 70, 40, 90));
            tg.setStroke(new BasicStroke(1f));
            tg.draw(new RoundRectangle2D.Double(x, y, tw, th, s * 0.01, s * 0.01));
        } finally {
            tg.dispose();
        }
    }

    // ------------------------------------------------------------------------------------------
    // Locations
    // ------------------------------------------------------------------------------------------

    private void renderLocation(Graphics2D g, Random r, String title, String titleLc, String allLc, int w, int h,
                                boolean caption) {
        Place place = classifyPlace(titleLc);
        if (place == Place.HILLS) {
            place = classifyPlace(allLc);
        }
        boolean fog = FOG.matcher(allLc).find();
        boolean rain = RAIN.matcher(allLc).find();
        boolean storm = STORM.matcher(allLc).find();
        Palette pal = choosePalette(r, allLc, storm);

        if (place == Place.INTERIOR) {
            drawInterior(g, r, pal, allLc, w, h, rain, fog);
        } else {
            double horizon = h * (place == Place.WATER ? 0.56 : 0.64);
            drawSky(g, r, pal, w, h, horizon, rain || storm || fog);
            if (storm && r.nextInt(3) != 0) {
                drawLightning(g, r, w, horizon);
            }
            switch (place) {
                case WATER -> drawWater(g, r, pal, allLc, w, h, horizon);
                case TREES -> drawTrees(g, r, pal, allLc, w, h, horizon, fog);
                case STREET -> drawStreet(g, r, pal, w, h, horizon);
                case HOUSE -> drawManor(g, r, pal, allLc, w, h, horizon);
                default -> drawHills(g, r, pal, w, h, horizon);
            }
            if (fog && place != Place.TREES) {
                drawFog(g, r, pal, w, h, horizon);
            }
            if (rain) {
                drawRain(g, r, w, h, new Rectangle2D.Double(0, 0, w, h), storm ? 1.6 : 1.0);
            }
        }
        vignette(g, w, h, 0.5f, 150);
        if (caption) {
            drawCaption(g, title, w, h);
        }
    }

    private static Place classifyPlace(String text) {
        if (INTERIOR.matcher(text).find()) {
            return Place.INTERIOR;
        }
        if (WATER.matcher(text).find()) {
            return Place.WATER;
        }
        if (TREES.matcher(text).find()) {
            return Place.TREES;
        }
        if (STREET.matcher(text).find()) {
            return Place.STREET;
        }
        if (HOUSE.matcher(text).find()) {
            return Place.HOUSE;
        }
        return Place.HILLS;
    }

    private static Palette choosePalette(Random r, String text, boolean storm) {
        Palette[] dusk = {
            new Palette(new Color(0x141A36), new Color(0x4A3A66), new Color(0xD07A5A), false, true),
            new Palette(new Color(0x0D1B2A), new Color(0x2E4A62), new Color(0xC29A7A), false, true),
            new Palette(new Color(0x0B1E2B), new Color(0x24505E), new Color(0x8FB0A8), false, false),
            new Palette(new Color(0x1A1030), new Color(0x5A2E5A), new Color(0xE0956A), false, true),
        };
        Palette[] night = {
            new Palette(new Color(0x03050C), new Color(0x0C1430), new Color(0x2A3A5E), true, false),
            new Palette(new Color(0x05060A), new Color(0x131A2C), new Color(0x34405A), true, false),
        };
        Palette dawn = new Palette(new Color(0x2A3A58), new Color(0x8A8CA6), new Color(0xE8BFA2), false, true);
        Palette stormy = new Palette(new Color(0x101317), new Color(0x262C34), new Color(0x4C545E), false, false);

        Palette p;
        if (storm) {
            p = stormy;
        } else if (DAWN.matcher(text).find()) {
            p = dawn;
        } else if (NIGHT.matcher(text).find()) {
            p = night[r.nextInt(night.length)];
        } else {
            int pick = r.nextInt(dusk.length + 1);
            p = pick < dusk.length ? dusk[pick] : night[0];
        }
        if (DARK.matcher(text).find()) {
            p = new Palette(mix(p.top(), Color.BLACK, 0.4), mix(p.mid(), Color.BLACK, 0.45),
                    mix(p.low(), Color.BLACK, 0.45), true, false);
        }
        return p;
    }

    private static void drawSky(Graphics2D g, Random r, Palette pal, int w, int h, double horizon, boolean overcast) {
        g.setPaint(new LinearGradientPaint(new Point2D.Double(0, 0), new Point2D.Double(0, horizon),
                new float[] {0f, 0.6f, 1f}, new Color[] {pal.top(), pal.mid(), pal.low()}));
        g.fillRect(0, 0, w, (int) Math.ceil(horizon) + 2);
        g.setColor(pal.low());
        g.fillRect(0, (int) horizon, w, h - (int) horizon);
        double s = Math.min(w, h);
        if (pal.night() && !overcast) {
            for (int i = 0; i < 120; i++) {
                double x = r.nextDouble() * w;
                double y = Math.pow(r.nextDouble(), 1.5) * horizon * 0.8;
                double rad = (0.4 + r.nextDouble() * 0.9) * s / 512;
                g.setColor(new Color(255, 255, 240, 60 + r.nextInt(160)));
                g.fill(new Ellipse2D.Double(x - rad, y - rad, rad * 2, rad * 2));
            }
        }
        if (pal.night() || r.nextInt(3) == 0) {
            double mx = w * (0.15 + r.nextDouble() * 0.7);
            double my = horizon * (0.18 + r.nextDouble() * 0.3);
            double mr = s * 0.045;
            int haloA = overcast ? 50 : 80;
            g.setPaint(new RadialGradientPaint(new Point2D.Double(mx, my), (float) (mr * 6),
                    new float[] {0f, 0.25f, 1f},
                    new Color[] {new Color(230, 235, 255, haloA), new Color(200, 210, 240, haloA / 3),
                        new Color(200, 210, 240, 0)}));
            g.fill(new Ellipse2D.Double(mx - mr * 6, my - mr * 6, mr * 12, mr * 12));
            g.setColor(new Color(238, 236, 222, overcast ? 120 : 235));
            g.fill(new Ellipse2D.Double(mx - mr, my - mr, mr * 2, mr * 2));
            g.setColor(new Color(180, 180, 170, overcast ? 30 : 60));
            g.fill(new Ellipse2D.Double(mx - mr * 0.4, my - mr * 0.3, mr * 0.5, mr * 0.4));
            g.fill(new Ellipse2D.Double(mx + mr * 0.1, my + mr * 0.2, mr * 0.35, mr * 0.3));
        } else if (pal.warm()) {
            double sx = w * (0.2 + r.nextDouble() * 0.6);
            g.setPaint(new RadialGradientPaint(new Point2D.Double(sx, horizon), (float) (s * 0.5),
                    new float[] {0f, 0.3f, 1f},
                    new Color[] {new Color(255, 200, 140, 150), new Color(255, 170, 110, 50),
                        new Color(255, 150, 100, 0)}));
            g.fillRect(0, 0, w, (int) horizon + 1);
        }
        // Long streaky clouds, darker than the sky so they read against the glow.
        int clouds = overcast ? 26 : 10;
        for (int i = 0; i < clouds; i++) {
            double cy = Math.pow(r.nextDouble(), overcast ? 1.0 : 0.7) * horizon * 0.85;
            double cw = w * (0.25 + r.nextDouble() * 0.5);
            double ch = s * (0.015 + r.nextDouble() * (overcast ? 0.06 : 0.03));
            double cx = r.nextDouble() * w * 1.2 - w * 0.2;
            Color c = mix(pal.top(), Color.BLACK, 0.2);
            // Stacked translucent ellipses give a soft edge without an expensive blur.
            for (int k = 0; k < 4; k++) {
                double shrink = k * 0.16;
                g.setColor(alpha(c, overcast ? 20 : 15));
                g.fill(new Ellipse2D.Double(cx + cw * shrink / 2, cy + ch * shrink / 2 + (r.nextDouble() - 0.5) * ch * 0.3,
                        cw * (1 - shrink), ch * (1 - shrink)));
            }
            g.setColor(alpha(mix(pal.low(), Color.WHITE, 0.2), overcast ? 8 : 14));
            g.fill(new Ellipse2D.Double(cx + cw * 0.15, cy + ch * 0.6, cw * 0.7, ch * 0.3));
        }
    }

    private static void drawLightning(Graphics2D g, Random r, int w, double horizon) {
        Path2D bolt = new Path2D.Double();
        double x = w * (0.2 + r.nextDouble() * 0.6);
        double y = 0;
        bolt.moveTo(x, y);
        while (y < horizon * 0.95) {
            y += horizon * (0.04 + r.nextDouble() * 0.06);
            x += (r.nextDouble() - 0.5) * w * 0.06;
            bolt.lineTo(x, y);
        }
        g.setPaint(new Color(200, 210, 255, 30));
        g.fillRect(0, 0, w, (int) horizon);
        g.setStroke(new BasicStroke((float) (w / 60.0), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.setColor(new Color(180, 190, 255, 40));
        g.draw(bolt);
        g.setStroke(new BasicStroke((float) Math.max(1, w / 300.0), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.setColor(new Color(240, 245, 255, 230));
        g.draw(bolt);
    }

    /** Silhouette colour for a layer at {@code depth} (0 = far and hazy, 1 = near and dark). */
    private static Color layerColor(Palette pal, double depth) {
        Color far = mix(pal.low(), pal.mid(), 0.5);
        far = mix(far, Color.BLACK, 0.35);
        Color near = mix(pal.top(), Color.BLACK, 0.75);
        return mix(far, near, depth);
    }

    private static Path2D ridge(Random r, int w, int h, double baseY, double amp, double roughness) {
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

    private static void drawHills(Graphics2D g, Random r, Palette pal, int w, int h, double horizon) {
        double s = Math.min(w, h);
        g.setColor(layerColor(pal, 0.15));
        g.fill(ridge(r, w, h, horizon - s * 0.02, s * 0.06, 0.1));
        g.setColor(layerColor(pal, 0.45));
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
        g.setColor(layerColor(pal, 0.7));
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
        glowWindow(g, bx + bw * 0.35, by - bh * 0.6, s * 0.014, s * 0.02, s);
        g.setColor(layerColor(pal, 0.9));
        g.fill(ridge(r, w, h, horizon + s * 0.2, s * 0.05, 0.04));
        // Bare tree and fence in the foreground.
        double tx = w * (0.08 + r.nextDouble() * 0.25);
        drawBareTree(g, r, tx, horizon + s * 0.2, s * 0.22, layerColor(pal, 1.0), s);
        g.setStroke(new BasicStroke((float) (s * 0.004)));
        double fy = horizon + s * 0.26;
        for (double x = tx + s * 0.05; x < tx + s * 0.4; x += s * 0.05) {
            g.draw(new Line2D.Double(x, fy, x, fy - s * 0.04));
        }
        g.draw(new Line2D.Double(tx + s * 0.05, fy - s * 0.03, tx + s * 0.4, fy - s * 0.028));
    }

    private static void drawBareTree(Graphics2D g, Random r, double x, double y, double height, Color c, double s) {
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

    private static void glowWindow(Graphics2D g, double x, double y, double ww, double wh, double s) {
        double gr = s * 0.05;
        g.setPaint(new RadialGradientPaint(new Point2D.Double(x + ww / 2, y + wh / 2), (float) gr,
                new float[] {0f, 1f}, new Color[] {new Color(255, 190, 100, 70), new Color(255, 190, 100, 0)}));
        g.fill(new Ellipse2D.Double(x + ww / 2 - gr, y + wh / 2 - gr, gr * 2, gr * 2));
        g.setColor(new Color(255, 205, 120));
        g.fill(new Rectangle2D.Double(x, y, ww, wh));
    }

    private static void drawTrees(Graphics2D g, Random r, Palette pal, String text, int w, int h, double horizon,
                                  boolean fog) {
        double s = Math.min(w, h);
        boolean conifers = CONIFERS.matcher(text).find();
        g.setColor(layerColor(pal, 0.1));
        g.fill(ridge(r, w, h, horizon, s * 0.03, 0.1));
        int layers = 3;
        for (int layer = 0; layer < layers; layer++) {
            if (fog && layer == layers - 1) {
                // Fog goes behind the nearest trees so they stay as crisp dark shapes in front of it.
                drawFog(g, r, pal, w, h, horizon);
            }
            double depth = 0.2 + layer * 0.38;
            double base = horizon + s * (0.02 + layer * 0.1);
            double scale = 0.5 + layer * 0.45;
            Color c = layerColor(pal, depth);
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
                Color mist = mix(pal.low(), Color.WHITE, 0.15);
                double my = base + s * 0.02;
                g.setPaint(new GradientPaint(0, (float) (my - s * 0.08), alpha(mist, 0), 0, (float) my,
                        alpha(mist, fog ? 90 : 45)));
                g.fill(new Rectangle2D.Double(0, my - s * 0.08, w, s * 0.08));
            }
        }
        if (!conifers) {
            // A garden lamp post gives the scene a warm focal point.
            double lx = w * (0.25 + r.nextDouble() * 0.5);
            double ly = h * 0.93;
            drawLampPost(g, lx, ly, s * 0.28, layerColor(pal, 1.0), s);
        }
        g.setColor(layerColor(pal, 1.0));
        g.fill(ridge(r, w, h, h * 0.95, s * 0.015, 0.2));
    }

    private static void addPine(Path2D p, double x, double base, double height) {
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

    private static void addRoundTree(Path2D p, Random r, double x, double base, double height) {
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

    private static void drawLampPost(Graphics2D g, double x, double base, double height, Color c, double s) {
        double ly = base - height;
        g.setPaint(new RadialGradientPaint(new Point2D.Double(x, ly), (float) (s * 0.16),
                new float[] {0f, 0.2f, 1f},
                new Color[] {new Color(255, 210, 140, 160), new Color(255, 190, 110, 60), new Color(255, 180, 100, 0)}));
        g.fill(new Ellipse2D.Double(x - s * 0.16, ly - s * 0.16, s * 0.32, s * 0.32));
        g.setColor(c);
        g.fill(new Rectangle2D.Double(x - s * 0.005, ly, s * 0.01, height));
        g.fill(new Rectangle2D.Double(x - s * 0.012, base - s * 0.02, s * 0.024, s * 0.02));
        Path2D lantern = new Path2D.Double();
        lantern.moveTo(x - s * 0.018, ly - s * 0.005);
        lantern.lineTo(x + s * 0.018, ly - s * 0.005);
        lantern.lineTo(x + s * 0.012, ly - s * 0.035);
        lantern.lineTo(x - s * 0.012, ly - s * 0.035);
        lantern.closePath();
        g.setColor(new Color(255, 215, 150));
        g.fill(lantern);
        g.setColor(c);
        g.setStroke(new BasicStroke((float) (s * 0.003)));
        g.draw(lantern);
        Path2D cap = new Path2D.Double();
        cap.moveTo(x - s * 0.022, ly - s * 0.035);
        cap.lineTo(x, ly - s * 0.05);
        cap.lineTo(x + s * 0.022, ly - s * 0.035);
        cap.closePath();
        g.fill(cap);
    }

    private static void drawWater(Graphics2D g, Random r, Palette pal, String text, int w, int h, double horizon) {
        double s = Math.min(w, h);
        // Water mirrors the sky: same colours, flipped and darkened.
        g.setPaint(new LinearGradientPaint(new Point2D.Double(0, horizon), new Point2D.Double(0, h),
                new float[] {0f, 0.4f, 1f},
                new Color[] {mix(pal.low(), Color.BLACK, 0.25), mix(pal.mid(), Color.BLACK, 0.45),
                    mix(pal.top(), Color.BLACK, 0.55)}));
        g.fill(new Rectangle2D.Double(0, horizon, w, h - horizon));

        // Far shore with a lighthouse or scattered lights.
        Color shore = layerColor(pal, 0.35);
        g.setColor(shore);
        Path2D far = new Path2D.Double();
        double shoreEnd = w * (0.35 + r.nextDouble() * 0.3);
        boolean shoreLeft = r.nextBoolean();
        far.moveTo(shoreLeft ? -2 : w + 2, horizon + 1);
        for (int i = 0; i <= 40; i++) {
            double t = i / 40.0;
            double x = shoreLeft ? t * shoreEnd : w - t * shoreEnd;
            double y = horizon - s * 0.05 * Math.sin((1 - t) * Math.PI / 2) - s * 0.01 * Math.sin(t * 17 + 2);
            far.lineTo(x, y);
        }
        far.closePath();
        g.fill(far);
        double lhX = shoreLeft ? shoreEnd * 0.85 : w - shoreEnd * 0.85;
        double lhY = horizon - s * 0.02;
        Path2D tower = new Path2D.Double();
        tower.moveTo(lhX - s * 0.012, lhY);
        tower.lineTo(lhX - s * 0.007, lhY - s * 0.09);
        tower.lineTo(lhX + s * 0.007, lhY - s * 0.09);
        tower.lineTo(lhX + s * 0.012, lhY);
        tower.closePath();
        g.fill(tower);
        double lampY = lhY - s * 0.1;
        g.setPaint(new RadialGradientPaint(new Point2D.Double(lhX, lampY), (float) (s * 0.08),
                new float[] {0f, 0.15f, 1f},
                new Color[] {new Color(255, 240, 200, 230), new Color(255, 220, 150, 90), new Color(255, 220, 150, 0)}));
        g.fill(new Ellipse2D.Double(lhX - s * 0.08, lampY - s * 0.08, s * 0.16, s * 0.16));
        double dir = shoreLeft ? 1 : -1;
        Path2D beam = new Path2D.Double();
        beam.moveTo(lhX, lampY);
        beam.lineTo(lhX + dir * w * 0.6, lampY - s * 0.08);
        beam.lineTo(lhX + dir * w * 0.6, lampY + s * 0.02);
        beam.closePath();
        g.setPaint(new GradientPaint((float) lhX, (float) lampY, new Color(255, 240, 200, 50),
                (float) (lhX + dir * w * 0.6), (float) lampY, new Color(255, 240, 200, 0)));
        g.fill(beam);
        reflectionColumn(g, r, lhX, horizon, h, s * 0.02, new Color(255, 220, 150), s);

        // Shimmer: short horizontal highlights, denser and longer near the viewer.
        g.setStroke(new BasicStroke((float) Math.max(1, s / 500)));
        for (int i = 0; i < 160; i++) {
            double t = r.nextDouble();
            double y = horizon + (h - horizon) * t * t;
            double len = s * (0.01 + t * 0.08) * (0.5 + r.nextDouble());
            double x = r.nextDouble() * w;
            g.setColor(alpha(mix(pal.low(), Color.WHITE, 0.3), 20 + r.nextInt(40)));
            g.draw(new Line2D.Double(x, y, x + len, y));
        }

        if (JETTY.matcher(text).find()) {
            drawPier(g, r, pal, w, h, horizon, s);
        } else {
            drawBoat(g, pal, w * (0.3 + r.nextDouble() * 0.4), horizon + (h - horizon) * 0.45, s * 0.16, s);
            g.setColor(layerColor(pal, 1.0));
            g.fill(ridge(r, w, h, h * 0.97, s * 0.02, 0.3));
        }
    }

    private static void reflectionColumn(Graphics2D g, Random r, double x, double top, double bottom, double width,
                                         Color c, double s) {
        g.setStroke(new BasicStroke((float) Math.max(1, s / 400)));
        for (double y = top + 2; y < bottom; y += s * 0.008) {
            double t = (y - top) / (bottom - top);
            double half = width * (0.5 + t * 2) * (0.4 + r.nextDouble() * 0.8);
            g.setColor(alpha(c, (int) (120 * (1 - t) * (0.4 + r.nextDouble() * 0.6))));
            g.draw(new Line2D.Double(x - half, y, x + half, y));
        }
    }

    private static void drawBoat(Graphics2D g, Palette pal, double x, double waterY, double len, double s) {
        Color c = layerColor(pal, 0.85);
        Path2D hull = new Path2D.Double();
        hull.moveTo(x - len / 2, waterY - len * 0.12);
        hull.lineTo(x + len / 2, waterY - len * 0.14);
        hull.lineTo(x + len * 0.38, waterY);
        hull.lineTo(x - len * 0.42, waterY);
        hull.closePath();
        g.setColor(c);
        g.fill(hull);
        g.fill(new Rectangle2D.Double(x - len * 0.02, waterY - len * 0.9, len * 0.025, len * 0.8));
        Path2D sail = new Path2D.Double();
        sail.moveTo(x + len * 0.01, waterY - len * 0.85);
        sail.lineTo(x + len * 0.01, waterY - len * 0.2);
        sail.lineTo(x + len * 0.35, waterY - len * 0.2);
        sail.closePath();
        g.setColor(alpha(c, 200));
        g.fill(sail);
        // Broken, fading mirror image below the waterline.
        AffineTransform old = g.getTransform();
        g.translate(0, waterY * 2);
        g.scale(1, -1);
        g.setColor(alpha(c, 70));
        g.fill(hull);
        g.fill(sail);
        g.setTransform(old);
    }

    private static void drawPier(Graphics2D g, Random r, Palette pal, int w, int h, double horizon, double s) {
        Color c = layerColor(pal, 1.0);
        boolean fromLeft = r.nextBoolean();
        // Pier runs from the near corner out towards the horizon in simple perspective.
        double nearY = h * 0.86;
        double farY = horizon + (h - horizon) * 0.22;
        double nearX0 = fromLeft ? -w * 0.05 : w * 1.05;
        double farX = fromLeft ? w * 0.5 : w * 0.5;
        double dir = fromLeft ? 1 : -1;
        Path2D deck = new Path2D.Double();
        deck.moveTo(nearX0, nearY);
        deck.lineTo(farX, farY);
        deck.lineTo(farX, farY + s * 0.012);
        deck.lineTo(nearX0, nearY + s * 0.07);
        deck.closePath();
        g.setColor(c);
        g.fill(deck);
        int posts = 9;
        for (int i = 0; i <= posts; i++) {
            double t = (double) i / posts;
            double px = nearX0 + (farX - nearX0) * t;
            double py = nearY + (farY - nearY) * t;
            double pw = s * (0.022 - 0.016 * t);
            double ph = s * (0.16 - 0.12 * t);
            g.fill(new Rectangle2D.Double(px - pw / 2, py - pw, pw, ph));
            g.setColor(alpha(c, 80));
            g.fill(new Rectangle2D.Double(px - pw / 2, py + ph - pw, pw, ph * 0.7));
            g.setColor(c);
        }
        // Moored boat beside the pier.
        drawBoat(g, pal, farX - dir * w * 0.02 + dir * w * 0.12, horizon + (h - horizon) * 0.35, s * 0.14, s);
        // Lamp at the end of the pier with its reflection.
        // Lamp on the near half of the pier so it never stands in front of the lighthouse.
        double lx = nearX0 + (farX - nearX0) * 0.38;
        double ly = nearY + (farY - nearY) * 0.38;
        drawLampPost(g, lx, ly, s * 0.24, c, s);
        reflectionColumn(g, r, lx, ly + s * 0.04, h, s * 0.015, new Color(255, 200, 130), s);
        // Warehouses on the near quay.
        double qx = fromLeft ? w * 0.72 : 0;
        double qw = w * 0.28;
        g.setColor(layerColor(pal, 0.75));
        Path2D shed = new Path2D.Double();
        double qy = horizon + s * 0.02;
        shed.moveTo(qx, qy);
        shed.lineTo(qx, qy - s * 0.09);
        shed.lineTo(qx + qw * 0.25, qy - s * 0.14);
        shed.lineTo(qx + qw * 0.5, qy - s * 0.09);
        shed.lineTo(qx + qw * 0.5, qy - s * 0.11);
        shed.lineTo(qx + qw * 0.75, qy - s * 0.15);
        shed.lineTo(qx + qw, qy - s * 0.11);
        shed.lineTo(qx + qw, qy);
        shed.closePath();
        g.fill(shed);
        g.setColor(layerColor(pal, 0.85));
        g.fill(new Rectangle2D.Double(qx - (fromLeft ? s * 0.04 : 0), qy - 1, qw + s * 0.04, s * 0.03));
        g.setColor(alpha(layerColor(pal, 0.85), 70));
        g.fill(new Rectangle2D.Double(qx - (fromLeft ? s * 0.04 : 0), qy + s * 0.03, qw + s * 0.04, s * 0.06));
        for (int i = 0; i < 3; i++) {
            if (r.nextBoolean()) {
                glowWindow(g, qx + qw * (0.15 + i * 0.3), qy - s * 0.06, s * 0.015, s * 0.02, s);
            }
        }
    }

    private static void drawStreet(Graphics2D g, Random r, Palette pal, int w, int h, double horizon) {
        double s = Math.min(w, h);
        // Distant skyline.
        g.setColor(layerColor(pal, 0.3));
        double x = -s * 0.02;
        while (x < w) {
            double bw = s * (0.05 + r.nextDouble() * 0.08);
            double bh = s * (0.08 + r.nextDouble() * 0.18);
            g.fill(new Rectangle2D.Double(x, horizon - bh, bw + 1, bh + 2));
            if (r.nextInt(5) == 0) {
                Path2D spire = new Path2D.Double();
                spire.moveTo(x + bw * 0.3, horizon - bh);
                spire.lineTo(x + bw * 0.5, horizon - bh - s * 0.1);
                spire.lineTo(x + bw * 0.7, horizon - bh);
                spire.closePath();
                g.fill(spire);
            }
            x += bw;
        }
        // Street surface, wet and reflective.
        double ground = horizon + s * 0.12;
        g.setPaint(new GradientPaint(0, (float) horizon, mix(pal.low(), Color.BLACK, 0.55), 0, h,
                mix(pal.top(), Color.BLACK, 0.6)));
        g.fill(new Rectangle2D.Double(0, horizon, w, h - horizon));
        // Near terraces on both sides with lit windows.
        Color near = layerColor(pal, 0.85);
        for (int side = 0; side < 2; side++) {
            double sx0 = side == 0 ? -s * 0.02 : w * 0.62;
            double sx1 = side == 0 ? w * 0.38 : w + s * 0.02;
            double bx = sx0;
            while (bx < sx1) {
                double bw = Math.min(s * (0.09 + r.nextDouble() * 0.07), sx1 - bx + 1);
                double bh = s * (0.28 + r.nextDouble() * 0.22);
                double top = ground - bh;
                g.setColor(near);
                g.fill(new Rectangle2D.Double(bx, top, bw + 1, bh));
                if (r.nextBoolean()) {
                    Path2D roof = new Path2D.Double();
                    roof.moveTo(bx, top);
                    roof.lineTo(bx + bw / 2, top - s * 0.05);
                    roof.lineTo(bx + bw + 1, top);
                    roof.closePath();
                    g.fill(roof);
                }
                g.fill(new Rectangle2D.Double(bx + bw * 0.7, top - s * 0.06, s * 0.014, s * 0.06));
                int cols = Math.max(1, (int) (bw / (s * 0.035)));
                int rows = Math.max(1, (int) ((bh - s * 0.05) / (s * 0.06)));
                double cellW = bw / cols;
                for (int cy = 0; cy < rows; cy++) {
                    for (int cx = 0; cx < cols; cx++) {
                        double wx = bx + cx * cellW + cellW * 0.3;
                        double wy = top + s * 0.03 + cy * s * 0.06;
                        double ww = cellW * 0.4;
                        double wh = s * 0.03;
                        if (r.nextInt(10) < 3) {
                            glowWindow(g, wx, wy, ww, wh, s * 0.6);
                            g.setColor(new Color(255, 200, 120, 30));
                            g.fill(new Rectangle2D.Double(wx, ground + (ground - wy) * 0.15, ww,
                                    (h - ground) * 0.6));
                        } else {
                            g.setColor(mix(near, Color.BLACK, 0.4));
                            g.fill(new Rectangle2D.Double(wx, wy, ww, wh));
                        }
                    }
                }
                bx += bw + 1;
            }
        }
        // Pavement edges converge towards the vanishing point.
        g.setStroke(new BasicStroke((float) Math.max(1, s / 300)));
        g.setColor(new Color(255, 255, 255, 25));
        g.draw(new Line2D.Double(w * 0.38, ground, -w * 0.1, h));
        g.draw(new Line2D.Double(w * 0.62, ground, w * 1.1, h));
        // Gas lamps with pooled light and long reflections on the wet cobbles.
        double[] lamps = {w * 0.3, w * 0.7};
        for (double lx : lamps) {
            double lb = ground + s * 0.2;
            double lh = s * 0.34;
            drawLampPost(g, lx, lb, lh, mix(near, Color.BLACK, 0.3), s);
            reflectionColumn(g, r, lx, lb + s * 0.01, h, s * 0.01, new Color(255, 200, 120), s);
        }
        // Cobble texture.
        g.setStroke(new BasicStroke(1f));
        for (int i = 0; i < 220; i++) {
            double t = r.nextDouble();
            double cy = ground + (h - ground) * t * t;
            double cx = r.nextDouble() * w;
            double cw = s * (0.004 + 0.02 * t);
            g.setColor(new Color(255, 255, 255, 8 + r.nextInt(14)));
            g.draw(new Arc2D.Double(cx, cy, cw, cw * 0.5, 0, 180, Arc2D.OPEN));
        }
    }

    private static void drawManor(Graphics2D g, Random r, Palette pal, String text, int w, int h, double horizon) {
        double s = Math.min(w, h);
        boolean castle = CASTLE.matcher(text).find();
        g.setColor(layerColor(pal, 0.2));
        g.fill(ridge(r, w, h, horizon, s * 0.05, 0.1));
        g.setColor(layerColor(pal, 0.5));
        g.fill(ridge(r, w, h, horizon + s * 0.07, s * 0.025, 0.05));

        Color c = layerColor(pal, 0.82);
        double cx = w * (0.45 + r.nextDouble() * 0.1);
        double base = horizon + s * 0.08;
        double mw = s * 0.36;
        double mh = s * 0.17;
        double left = cx - mw / 2;
        Path2D house = new Path2D.Double(Path2D.WIND_NON_ZERO);
        house.append(new Rectangle2D.Double(left, base - mh, mw, mh), false);
        double wingW = s * 0.14;
        double wingH = mh * 0.75;
        house.append(new Rectangle2D.Double(left - wingW, base - wingH, wingW + 1, wingH), false);
        house.append(new Rectangle2D.Double(left + mw - 1, base - wingH, wingW + 1, wingH), false);
        if (castle) {
            double tw = s * 0.06;
            for (double tx : new double[] {left - wingW - tw * 0.5, cx - tw / 2, left + mw + wingW - tw * 0.5}) {
                double th = mh * (tx == cx - tw / 2 ? 1.9 : 1.5);
                house.append(new Rectangle2D.Double(tx, base - th, tw, th), false);
                for (int i = 0; i < 3; i++) {
                    house.append(new Rectangle2D.Double(tx + i * tw * 0.4, base - th - s * 0.015, tw * 0.2,
                            s * 0.016), false);
                }
            }
            for (double bx = left - wingW; bx < left + mw + wingW; bx += s * 0.025) {
                double top = (bx > left && bx < left + mw) ? base - mh : base - wingH;
                house.append(new Rectangle2D.Double(bx, top - s * 0.012, s * 0.013, s * 0.013), false);
            }
        } else {
            // Steep central gable, hipped wings, tall chimney stacks.
            Path2D roof = new Path2D.Double();
            roof.moveTo(left - s * 0.01, base - mh);
            roof.lineTo(left + mw * 0.2, base - mh - s * 0.08);
            roof.lineTo(left + mw * 0.8, base - mh - s * 0.08);
            roof.lineTo(left + mw + s * 0.01, base - mh);
            roof.closePath();
            house.append(roof, false);
            Path2D gable = new Path2D.Double();
            gable.moveTo(cx - mw * 0.14, base - mh);
            gable.lineTo(cx, base - mh - s * 0.13);
            gable.lineTo(cx + mw * 0.14, base - mh);
            gable.closePath();
            house.append(gable, false);
            for (int side = -1; side <= 1; side += 2) {
                double wx = side < 0 ? left - wingW : left + mw;
                Path2D wr = new Path2D.Double();
                wr.moveTo(wx - s * 0.005, base - wingH);
                wr.lineTo(wx + wingW * 0.5, base - wingH - s * 0.06);
                wr.lineTo(wx + wingW + s * 0.005, base - wingH);
                wr.closePath();
                house.append(wr, false);
            }
            for (double chx : new double[] {left + mw * 0.12, left + mw * 0.86, left - wingW * 0.6,
                left + mw + wingW * 0.55}) {
                house.append(new Rectangle2D.Double(chx, base - mh - s * 0.11, s * 0.018, s * 0.1), false);
            }
        }
        g.setColor(c);
        g.fill(house);
        // Windows: mostly dark, a few lit, one conspicuously bright upstairs.
        int cols = 7;
        for (int row = 0; row < 2; row++) {
            for (int col = 0; col < cols; col++) {
                double wx = left + mw * (0.06 + col * 0.135);
                double wy = base - mh + mh * (0.18 + row * 0.42);
                if (Math.abs(wx + s * 0.01 - cx) < s * 0.02 && row == 1) {
                    continue; // front door position
                }
                if (r.nextInt(10) < 3) {
                    glowWindow(g, wx, wy, s * 0.02, s * 0.035, s);
                } else {
                    g.setColor(mix(c, Color.BLACK, 0.45));
                    g.fill(new Rectangle2D.Double(wx, wy, s * 0.02, s * 0.035));
                }
            }
        }
        for (int side = 0; side < 2; side++) {
            double wx0 = side == 0 ? left - wingW : left + mw;
            for (int col = 0; col < 3; col++) {
                double wx = wx0 + wingW * (0.15 + col * 0.28);
                double wy = base - wingH + wingH * 0.3;
                if (r.nextInt(4) == 0) {
                    glowWindow(g, wx, wy, s * 0.018, s * 0.03, s);
                } else {
                    g.setColor(mix(c, Color.BLACK, 0.45));
                    g.fill(new Rectangle2D.Double(wx, wy, s * 0.018, s * 0.03));
                }
            }
        }
        g.setColor(new Color(255, 200, 120, 200));
        g.fill(new Rectangle2D.Double(cx - s * 0.012, base - s * 0.05, s * 0.024, s * 0.05));

        // Drive sweeping towards the viewer, flanked by dark trees.
        Color near = layerColor(pal, 1.0);
        g.setColor(near);
        Path2D fg = ridge(r, w, h, base + s * 0.03, s * 0.01, 0.05);
        g.fill(fg);
        Path2D drive = new Path2D.Double();
        drive.moveTo(cx - s * 0.015, base);
        drive.curveTo(cx - s * 0.05, base + s * 0.1, cx + s * 0.2, h * 0.9, cx + s * 0.05, h);
        drive.lineTo(cx + s * 0.3, h);
        drive.curveTo(cx + s * 0.35, h * 0.9, cx + s * 0.02, base + s * 0.1, cx + s * 0.015, base);
        drive.closePath();
        g.setColor(alpha(mix(pal.low(), Color.BLACK, 0.55), 160));
        g.fill(drive);
        Path2D trees = new Path2D.Double(Path2D.WIND_NON_ZERO);
        addPine(trees, left - wingW - s * 0.08, base + s * 0.03, s * 0.3);
        addRoundTree(trees, r, left + mw + wingW + s * 0.09, base + s * 0.04, s * 0.32);
        addRoundTree(trees, r, w * 0.03, h * 0.92, s * 0.55);
        g.setColor(near);
        g.fill(trees);
    }

    private static void drawInterior(Graphics2D g, Random r, Palette pal, String text, int w, int h, boolean rain,
                                     boolean fog) {
        double s = Math.min(w, h);
        boolean shelves = SHELVES.matcher(text).find() || r.nextInt(3) == 0;
        Color wall = jitter(new Color(0x2A1A12), r, 6);
        g.setPaint(new GradientPaint(0, 0, mix(wall, Color.BLACK, 0.3), 0, h, wall));
        g.fillRect(0, 0, w, h);
        double floorY = h * 0.8;

        // Windows: one tall arched window between bookcases, or a row of them in a hall.
        int windows = shelves ? 1 : 3;
        double winW = shelves ? w * 0.3 : w * 0.17;
        double winH = h * 0.5;
        double winTop = h * 0.12;
        Palette nightSky = pal.night() ? pal
                : new Palette(mix(pal.top(), Color.BLACK, 0.3), mix(pal.mid(), Color.BLACK, 0.3), pal.low(),
                        false, pal.warm());
        for (int i = 0; i < windows; i++) {
            double wx = windows == 1 ? (w - winW) / 2 : w * (0.12 + i * 0.29);
            Path2D win = new Path2D.Double();
            win.moveTo(wx, winTop + winH);
            win.lineTo(wx, winTop + winW / 2);
            win.append(new Arc2D.Double(wx, winTop, winW, winW, 180, -180, Arc2D.OPEN), true);
            win.lineTo(wx + winW, winTop + winH);
            win.closePath();

            // Moonlight falling through onto the floor.
            Path2D spill = new Path2D.Double();
            spill.moveTo(wx, winTop + winH);
            spill.lineTo(wx + winW, winTop + winH);
            spill.lineTo(wx + winW * 1.6, h);
            spill.lineTo(wx + winW * 0.2, h);
            spill.closePath();

            Shape oldClip = g.getClip();
            g.clip(win);
            Graphics2D wg = (Graphics2D) g.create();
            try {
                wg.translate(wx, winTop);
                drawSky(wg, new Random(r.nextLong()), nightSky, (int) Math.ceil(winW), (int) Math.ceil(winH),
                        winH * 0.85, rain || fog);
                wg.setColor(layerColor(nightSky, 0.6));
                wg.fill(ridge(new Random(r.nextLong()), (int) Math.ceil(winW), (int) Math.ceil(winH), winH * 0.9,
                        winH * 0.04, 0.2));
                if (rain) {
                    drawRain(wg, new Random(r.nextLong()), (int) Math.ceil(winW), (int) Math.ceil(winH),
                            new Rectangle2D.Double(0, 0, winW, winH), 1.0);
                    // Droplets on the glass.
                    for (int d = 0; d < 40; d++) {
                        double dx = r.nextDouble() * winW;
                        double dy = r.nextDouble() * winH;
                        double dr = s * (0.002 + r.nextDouble() * 0.004);
                        wg.setColor(new Color(220, 230, 255, 70));
                        wg.fill(new Ellipse2D.Double(dx - dr, dy - dr, dr * 2, dr * 2.4));
                    }
                }
            } finally {
                wg.dispose();
            }
            g.setClip(oldClip);
            // Mullions and frame.
            Color frame = mix(wall, Color.BLACK, 0.45);
            g.setColor(frame);
            g.setStroke(new BasicStroke((float) (s * 0.012)));
            g.draw(win);
            g.setStroke(new BasicStroke((float) (s * 0.006)));
            g.draw(new Line2D.Double(wx + winW / 2, winTop, wx + winW / 2, winTop + winH));
            for (double fy = winTop + winW / 2; fy < winTop + winH; fy += winH * 0.18) {
                g.draw(new Line2D.Double(wx, fy, wx + winW, fy));
            }
            g.setStroke(new BasicStroke((float) (s * 0.025)));
            g.setColor(mix(wall, Color.BLACK, 0.2));
            g.draw(new Line2D.Double(wx - s * 0.02, winTop + winH + s * 0.01, wx + winW + s * 0.02,
                    winTop + winH + s * 0.01));
            g.setPaint(new GradientPaint(0, (float) (winTop + winH), new Color(170, 190, 230, 34), 0, h,
                    new Color(170, 190, 230, 6)));
            g.fill(spill);
        }

        // Wainscot panels along the lower wall.
        g.setStroke(new BasicStroke((float) Math.max(1, s * 0.003)));
        double wainTop = h * 0.64;
        g.setColor(mix(wall, Color.BLACK, 0.15));
        g.fill(new Rectangle2D.Double(0, wainTop, w, floorY - wainTop));
        for (double px = s * 0.02; px < w; px += s * 0.12) {
            g.setColor(new Color(255, 220, 180, 18));
            g.draw(new Rectangle2D.Double(px, wainTop + s * 0.02, s * 0.1, floorY - wainTop - s * 0.04));
        }
        g.setColor(new Color(0, 0, 0, 90));
        g.draw(new Line2D.Double(0, wainTop, w, wainTop));

        if (shelves) {
            drawBookcase(g, r, 0, w * 0.3, h * 0.04, floorY, s);
            drawBookcase(g, r, w * 0.7, w, h * 0.04, floorY, s);
        } else {
            drawChandelier(g, w / 2.0, 0, s);
        }

        // Floor: dark boards and a patterned rug.
        g.setPaint(new GradientPaint(0, (float) floorY, mix(wall, Color.BLACK, 0.35), 0, h, mix(wall, Color.BLACK, 0.65)));
        g.fill(new Rectangle2D.Double(0, floorY, w, h - floorY));
        g.setColor(new Color(0, 0, 0, 60));
        g.setStroke(new BasicStroke(1f));
        for (int i = -12; i <= 12; i++) {
            g.draw(new Line2D.Double(w / 2.0 + i * s * 0.03, floorY, w / 2.0 + i * s * 0.14, h));
        }
        Path2D rug = new Path2D.Double();
        rug.moveTo(w * 0.28, floorY + s * 0.04);
        rug.lineTo(w * 0.72, floorY + s * 0.04);
        rug.lineTo(w * 0.86, h * 1.02);
        rug.lineTo(w * 0.14, h * 1.02);
        rug.closePath();
        g.setColor(new Color(0x4A1416));
        g.fill(rug);
        g.setColor(new Color(180, 140, 60, 60));
        g.setStroke(new BasicStroke((float) (s * 0.004)));
        g.draw(rug);

        // Desk with a green-shaded lamp: the only warm light in the room.
        double dx = w * (shelves ? 0.36 : 0.32);
        double dw = w * (shelves ? 0.28 : 0.36);
        double dTop = h * 0.72;
        double lampX = dx + dw * (r.nextBoolean() ? 0.22 : 0.78);
        double lampY = dTop - s * 0.06;
        g.setPaint(new RadialGradientPaint(new Point2D.Double(lampX, lampY), (float) (s * 0.45),
                new float[] {0f, 0.3f, 1f},
                new Color[] {new Color(255, 190, 110, 120), new Color(255, 160, 80, 45), new Color(255, 150, 70, 0)}));
        g.fill(new Ellipse2D.Double(lampX - s * 0.45, lampY - s * 0.45, s * 0.9, s * 0.9));
        Color deskCol = new Color(0x160D08);
        g.setColor(deskCol);
        g.fill(new Rectangle2D.Double(dx, dTop, dw, s * 0.025));
        g.fill(new Rectangle2D.Double(dx + s * 0.01, dTop, s * 0.06, h * 0.9 - dTop));
        g.fill(new Rectangle2D.Double(dx + dw - s * 0.07, dTop, s * 0.06, h * 0.9 - dTop));
        g.setColor(new Color(255, 190, 110, 70));
        g.fill(new Rectangle2D.Double(dx, dTop, dw, s * 0.004));
        g.setColor(deskCol);
        g.fill(new Rectangle2D.Double(lampX - s * 0.003, lampY, s * 0.006, dTop - lampY));
        g.fill(new Ellipse2D.Double(lampX - s * 0.02, dTop - s * 0.008, s * 0.04, s * 0.012));
        Path2D shade = new Path2D.Double();
        shade.moveTo(lampX - s * 0.04, lampY + s * 0.005);
        shade.quadTo(lampX, lampY - s * 0.04, lampX + s * 0.04, lampY + s * 0.005);
        shade.closePath();
        g.setColor(new Color(0x1F5A34));
        g.fill(shade);
        g.setColor(new Color(255, 230, 170, 230));
        g.fill(new Rectangle2D.Double(lampX - s * 0.035, lampY + s * 0.003, s * 0.07, s * 0.005));
        // Papers and a book on the desk catch the light.
        g.setColor(new Color(230, 200, 150, 150));
        g.fill(new Rectangle2D.Double(dx + dw * 0.42, dTop - s * 0.004, s * 0.06, s * 0.004));
        g.setColor(new Color(0x3A1010));
        g.fill(new Rectangle2D.Double(dx + dw * 0.5, dTop - s * 0.016, s * 0.045, s * 0.012));

        if (fog) {
            g.setColor(new Color(200, 200, 210, 30));
            g.fillRect(0, 0, w, h);
        }
    }

    private static void drawBookcase(Graphics2D g, Random r, double x0, double x1, double top, double bottom,
                                     double s) {
        Color frame = new Color(0x1C110B);
        g.setColor(frame);
        g.fill(new Rectangle2D.Double(x0, top, x1 - x0, bottom - top));
        double inset = s * 0.018;
        int shelvesN = 6;
        double shelfH = (bottom - top - inset * 2) / shelvesN;
        Color[] spines = {new Color(0x5C1A1B), new Color(0x1F3D2B), new Color(0x1C2A44), new Color(0x4A3020),
            new Color(0x6A4A2A), new Color(0x3A2A40), new Color(0x7A5A30), new Color(0x2A2A2A), new Color(0x5A4A3A)};
        for (int i = 0; i < shelvesN; i++) {
            double sy = top + inset + i * shelfH;
            g.setColor(new Color(0x0C0805));
            g.fill(new Rectangle2D.Double(x0 + inset, sy, x1 - x0 - inset * 2, shelfH - s * 0.012));
            double bx = x0 + inset + s * 0.003;
            double shelfBottom = sy + shelfH - s * 0.012;
            while (bx < x1 - inset - s * 0.012) {
                double bw = s * (0.010 + r.nextDouble() * 0.016);
                bw = Math.min(bw, x1 - inset - bx);
                if (r.nextInt(14) == 0) {
                    bx += bw * 1.5; // gaps on the shelf
                    continue;
                }
                double bh = (shelfH - s * 0.02) * (0.7 + r.nextDouble() * 0.28);
                Color c = jitter(spines[r.nextInt(spines.length)], r, 10);
                g.setColor(c);
                g.fill(new Rectangle2D.Double(bx, shelfBottom - bh, bw - 1, bh));
                g.setColor(new Color(200, 160, 80, 70));
                g.fill(new Rectangle2D.Double(bx, shelfBottom - bh * 0.8, bw - 1, Math.max(1, s * 0.003)));
                g.fill(new Rectangle2D.Double(bx, shelfBottom - bh * 0.25, bw - 1, Math.max(1, s * 0.002)));
                bx += bw;
            }
            g.setColor(new Color(0x2E1C12));
            g.fill(new Rectangle2D.Double(x0, shelfBottom, x1 - x0, s * 0.012));
        }
        // Bookcase sides catch a little rim light.
        g.setColor(new Color(255, 200, 150, 25));
        g.fill(new Rectangle2D.Double(x0 < 1 ? x1 - inset : x0, top, inset * 0.4, bottom - top));
        // Fade the shelves into shadow towards the outer edges.
        boolean leftCase = x0 < 1;
        g.setPaint(new GradientPaint((float) (leftCase ? x0 : x1), 0, new Color(0, 0, 0, 170),
                (float) (leftCase ? x1 : x0), 0, new Color(0, 0, 0, 20)));
        g.fill(new Rectangle2D.Double(x0, top, x1 - x0, bottom - top));
    }

    private static void drawChandelier(Graphics2D g, double cx, double top, double s) {
        g.setColor(new Color(0x120A06));
        g.setStroke(new BasicStroke((float) (s * 0.004)));
        double y = top + s * 0.12;
        g.draw(new Line2D.Double(cx, top, cx, y));
        g.draw(new Arc2D.Double(cx - s * 0.12, y - s * 0.04, s * 0.24, s * 0.08, 180, 180, Arc2D.OPEN));
        for (int i = -2; i <= 2; i++) {
            double x = cx + i * s * 0.05;
            double cy = y + Math.sqrt(Math.max(0, 1 - Math.pow(i * 0.05 / 0.12, 2))) * s * 0.04 - s * 0.015;
            g.setPaint(new RadialGradientPaint(new Point2D.Double(x, cy), (float) (s * 0.05),
                    new float[] {0f, 1f}, new Color[] {new Color(255, 210, 140, 120), new Color(255, 190, 110, 0)}));
            g.fill(new Ellipse2D.Double(x - s * 0.05, cy - s * 0.05, s * 0.1, s * 0.1));
            g.setColor(new Color(255, 230, 180));
            g.fill(new Ellipse2D.Double(x - s * 0.004, cy - s * 0.012, s * 0.008, s * 0.014));
        }
    }

    private static void drawFog(Graphics2D g, Random r, Palette pal, int w, int h, double horizon) {
        double s = Math.min(w, h);
        Color fog = mix(mix(pal.low(), pal.mid(), 0.4), Color.WHITE, 0.3);
        for (int i = 0; i < 5; i++) {
            double cy = horizon + (i - 1.5) * s * 0.08 + (r.nextDouble() - 0.5) * s * 0.04;
            double band = s * (0.1 + r.nextDouble() * 0.08);
            g.setPaint(new LinearGradientPaint(new Point2D.Double(0, cy - band), new Point2D.Double(0, cy + band),
                    new float[] {0f, 0.5f, 1f},
                    new Color[] {alpha(fog, 0), alpha(fog, 70 + r.nextInt(30)), alpha(fog, 0)}));
            g.fill(new Rectangle2D.Double(0, cy - band, w, band * 2));
        }
        // Drifting wisps.
        for (int i = 0; i < 14; i++) {
            double wx = r.nextDouble() * w * 1.2 - w * 0.1;
            double wy = horizon + (r.nextDouble() - 0.3) * (h - horizon);
            double ww = s * (0.3 + r.nextDouble() * 0.5);
            double wh = s * (0.02 + r.nextDouble() * 0.04);
            g.setColor(alpha(fog, 22));
            g.fill(new Ellipse2D.Double(wx - ww / 2, wy - wh / 2, ww, wh));
        }
        g.setColor(alpha(fog, 28));
        g.fillRect(0, 0, w, h);
    }

    private static void drawRain(Graphics2D g, Random r, int w, int h, Rectangle2D area, double density) {
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

    private static void drawCaption(Graphics2D g, String title, int w, int h) {
        double s = Math.min(w, h);
        double stripH = Math.max(24, h * 0.11);
        double y = h - stripH;
        g.setPaint(new GradientPaint(0, (float) (y - stripH * 0.6), new Color(0, 0, 0, 0), 0, (float) y,
                new Color(0, 0, 0, 150)));
        g.fill(new Rectangle2D.Double(0, y - stripH * 0.6, w, stripH * 0.6));
        g.setColor(new Color(8, 8, 10, 190));
        g.fill(new Rectangle2D.Double(0, y, w, stripH));
        g.setColor(new Color(200, 170, 110, 160));
        g.setStroke(new BasicStroke((float) Math.max(1, s / 400)));
        g.draw(new Line2D.Double(s * 0.05, y + stripH * 0.18, s * 0.05, y + stripH * 0.82));
        if (title.isEmpty()) {
            return;
        }
        Font f = new Font(Font.SERIF, Font.PLAIN, 1).deriveFont((float) (stripH * 0.46));
        g.setColor(new Color(238, 230, 212));
        drawFitted(g, title, f, s * 0.075, y + stripH * 0.65, w - s * 0.12);
    }

    // ------------------------------------------------------------------------------------------
    // Shared helpers
    // ------------------------------------------------------------------------------------------

    private static void vignette(Graphics2D g, int w, int h, float inner, int strength) {
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
    private static void addGrain(BufferedImage img, long seed) {
        int[] px = ((DataBufferInt) img.getRaster().getDataBuffer()).getData();
        long x = seed | 1L;
        for (int i = 0; i < px.length; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            int n = (int) ((x >>> 40) % 11) - 5;
            int p = px[i];
            int rr = clamp(((p >> 16) & 0xFF) + n);
            int gg = clamp(((p >> 8) & 0xFF) + n);
            int bb = clamp((p & 0xFF) + n);
            px[i] = (rr << 16) | (gg << 8) | bb;
        }
    }

    private static int clamp(int v) {
        return v < 0 ? 0 : Math.min(255, v);
    }

    private static void applyQualityHints(Graphics2D g) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    }

    /** Draws {@code text} left-aligned at a baseline, shortened with an ellipsis to fit {@code maxWidth}. */
    private static void drawFitted(Graphics2D g, String text, Font font, double x, double baseline, double maxWidth) {
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

    /** Like {@link #drawFitted}, but first shrinks the font down to {@code minScale} of its size. */
    private static void drawShrunk(Graphics2D g, String text, Font font, double x, double baseline, double maxWidth,
                                   float minScale) {
        try {
            g.setFont(font);
            double width = g.getFontMetrics().getStringBounds(text, g).getWidth();
            Font use = font;
            if (width > maxWidth) {
                float scale = (float) Math.max(minScale, maxWidth / width);
                use = font.deriveFont(font.getSize2D() * scale);
            }
            drawFitted(g, text, use, x, baseline, maxWidth);
        } catch (RuntimeException | LinkageError e) {
            // See drawFitted.
        }
    }

    private static void drawCentered(Graphics2D g, String text, Font font, double cx, double baseline,
                                     double maxWidth) {
        try {
            g.setFont(font);
            double natural = g.getFontMetrics().getStringBounds(text, g).getWidth();
            Font use = natural > maxWidth ? font.deriveFont((float) (font.getSize2D() * maxWidth / natural)) : font;
            g.setFont(use);
            double width = g.getFontMetrics().getStringBounds(text, g).getWidth();
            drawFitted(g, text, use, cx - width / 2, baseline, maxWidth * 1.01);
        } catch (RuntimeException | LinkageError e) {
            // See drawFitted: text is decoration, never a reason to fail.
        }
    }

    private static void safeDrawString(Graphics2D g, String text, float x, float y) {
        try {
            g.drawString(text, x, y);
        } catch (RuntimeException | LinkageError e) {
            // See drawFitted.
        }
    }

    private static Pattern words(String... stems) {
        return Pattern.compile("\\b(?:" + String.join("|", stems) + ")", Pattern.CASE_INSENSITIVE);
    }

    private static long seedOf(ImageKind kind, String name, String description) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha.digest((kind.name() + "\n" + name + "\n" + description)
                    .getBytes(StandardCharsets.UTF_8));
            long seed = 0;
            for (int i = 0; i < 8; i++) {
                seed = (seed << 8) | (digest[i] & 0xFFL);
            }
            return seed;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    private static Color mix(Color a, Color b, double t) {
        double u = Math.max(0, Math.min(1, t));
        return new Color(
                (int) Math.round(a.getRed() + (b.getRed() - a.getRed()) * u),
                (int) Math.round(a.getGreen() + (b.getGreen() - a.getGreen()) * u),
                (int) Math.round(a.getBlue() + (b.getBlue() - a.getBlue()) * u),
                (int) Math.round(a.getAlpha() + (b.getAlpha() - a.getAlpha()) * u));
    }

    private static Color alpha(Color c, int a) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), Math.max(0, Math.min(255, a)));
    }

    private static Color jitter(Color c, Random r, int amount) {
        int d = r.nextInt(amount * 2 + 1) - amount;
        return new Color(clamp(c.getRed() + d + r.nextInt(5) - 2), clamp(c.getGreen() + d + r.nextInt(5) - 2),
                clamp(c.getBlue() + d + r.nextInt(5) - 2));
    }
}
