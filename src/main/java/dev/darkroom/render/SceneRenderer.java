package dev.darkroom.render;

import dev.darkroom.run.ImageKind;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Random;

/**
 * Procedurally paints placeholder artwork for evidence items and locations.
 *
 * <p>Output depends only on the arguments: the random source is seeded from a SHA-256 of the text,
 * so the same request always produces a pixel-identical image and results can be cached or diffed.
 * Only plain Java2D and logical fonts are used so rendering works in headless containers.
 */
public final class SceneRenderer {

    private static final int MAX_DIMENSION = 4096;

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
            Film.qualityHints(g);
            if (kind == ImageKind.EVIDENCE) {
                EvidencePhoto.paint(g, rnd, title, titleLc, allLc, width, height);
            } else {
                LocationScene.paint(g, rnd, title, titleLc, allLc, width, height, true);
            }
        } finally {
            g.dispose();
        }
        Film.grain(img, seed);
        return img;
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
}
