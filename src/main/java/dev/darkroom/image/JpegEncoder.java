package dev.darkroom.image;

import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Turns any raster into a baseline JPEG of an exact size.
 *
 * <p>Images are scaled with a "cover" fit: the source is scaled until it fills the whole target and
 * the overflow is cropped equally from both sides, so nothing is letter-boxed or stretched.
 */
public final class JpegEncoder {

    /** The one type Darkroom stores and serves: what every picture is normalized to. */
    public static final String CONTENT_TYPE = "image/jpeg";

    /**
     * Upper bound on decoded pixels. Compressed formats can declare enormous dimensions in a few
     * bytes; checking the header first keeps a hostile upload from exhausting the heap.
     */
    private static final long MAX_SOURCE_PIXELS = 64L * 1024 * 1024;

    /** Output sizes beyond this are almost certainly a caller bug rather than a real request. */
    private static final int MAX_OUTPUT_DIMENSION = 8192;

    private JpegEncoder() {
    }

    /**
     * Scales {@code image} to exactly {@code width}x{@code height} (cover fit, centre crop) and
     * encodes it as a baseline JPEG.
     *
     * @param quality compression quality between 0 (smallest) and 1 (best)
     */
    public static byte[] toJpeg(BufferedImage image, int width, int height, float quality) {
        if (image == null) {
            throw new IllegalArgumentException("image must not be null");
        }
        checkTarget(width, height, quality);
        BufferedImage rgb = coverScale(toOpaqueRgb(image), width, height);
        return encode(rgb, quality);
    }

    /**
     * Decodes an image in any format ImageIO understands and re-encodes it with
     * {@link #toJpeg(BufferedImage, int, int, float)}.
     *
     * @throws IllegalArgumentException if the bytes are not an image ImageIO can decode
     */
    public static byte[] normalize(byte[] anyImageBytes, int width, int height, float quality) {
        if (anyImageBytes == null || anyImageBytes.length == 0) {
            throw new IllegalArgumentException("image bytes are empty");
        }
        checkTarget(width, height, quality);
        checkDeclaredSize(anyImageBytes);
        return toJpeg(decode(anyImageBytes, width, height), width, height, quality);
    }

    /**
     * Decodes only what the output needs: the part of the picture the cover fit keeps and, when that is more than
     * {@value #QUALITY_MARGIN}x the target on both sides, its k x k blocks averaged into one pixel each while it is
     * read band by band. A full decode of a 4096x4096 picture takes 64 MB, and its RGB copy as much again, per image
     * in flight; this way one image holds a band of at most {@value #BAND_PIXELS} decoded pixels plus a raster under
     * (2 x {@value #QUALITY_MARGIN} x target)^2, whatever the source. Averaging (not skipping) pixels keeps fine
     * detail from aliasing, and the final scale still sees at least {@value #QUALITY_MARGIN} pixels per output pixel
     * each way.
     */
    static BufferedImage decode(byte[] bytes, int width, int height) {
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new IllegalArgumentException(
                        "image bytes are not in a recognised image format (" + bytes.length + " bytes)");
            }
            return read(readers.next(), in, width, height);
        } catch (IOException e) {
            throw new UncheckedIOException("closing an in-memory image stream failed", e);
        }
    }

    private static BufferedImage read(ImageReader reader, ImageInputStream in, int width, int height) {
        try {
            // Not forward-only: a large picture is read band by band, each read going back to the image's start.
            reader.setInput(in, false, true);
            Rectangle kept = coverRegion(reader.getWidth(0), reader.getHeight(0), width, height);
            int k = blockSize(kept, width, height);
            ImageReadParam param = reader.getDefaultReadParam();
            if (k == 1) {
                param.setSourceRegion(kept);
                return reader.read(0, param);
            }
            return readAveraged(reader, param, kept, k);
        } catch (IOException | RuntimeException e) {
            // Readers signal corrupt or unsupported data (e.g. CMYK JPEGs) with a mix of
            // IIOException and unchecked exceptions; to callers both mean "bad input".
            throw new IllegalArgumentException("image bytes could not be decoded: " + e.getMessage(), e);
        } finally {
            reader.dispose();
        }
    }

    /**
     * The kept region with each k x k block averaged into one opaque pixel (transparency flattened onto white, as
     * {@link #toOpaqueRgb} does), read in bands of whole blocks so that no more than a band is decoded at once.
     */
    private static BufferedImage readAveraged(ImageReader reader, ImageReadParam param, Rectangle kept, int k)
            throws IOException {
        int outW = kept.width / k;
        int outH = kept.height / k;
        BufferedImage out = new BufferedImage(outW, outH, BufferedImage.TYPE_INT_RGB);
        int blockRowsPerBand = (int) Math.max(1, BAND_PIXELS / ((long) outW * k * k));
        int[] line = new int[outW * k];
        long[] sums = new long[outW * 3];
        for (int outY = 0; outY < outH; outY += blockRowsPerBand) {
            int rows = Math.min(blockRowsPerBand, outH - outY);
            param.setSourceRegion(new Rectangle(kept.x, kept.y + outY * k, outW * k, rows * k));
            BufferedImage band = reader.read(0, param);
            for (int row = 0; row < rows; row++) {
                Arrays.fill(sums, 0);
                for (int dy = 0; dy < k; dy++) {
                    band.getRGB(0, row * k + dy, outW * k, 1, line, 0, outW * k);
                    for (int x = 0; x < outW * k; x++) {
                        addOverWhite(sums, x / k, line[x]);
                    }
                }
                int area = k * k;
                for (int x = 0; x < outW; x++) {
                    int r = (int) (sums[x * 3] / area);
                    int g = (int) (sums[x * 3 + 1] / area);
                    int b = (int) (sums[x * 3 + 2] / area);
                    out.setRGB(x, outY + row, (r << 16) | (g << 8) | b);
                }
            }
        }
        return out;
    }

    private static void addOverWhite(long[] sums, int column, int argb) {
        int alpha = argb >>> 24;
        int white = 255 * (255 - alpha);
        sums[column * 3] += (((argb >> 16) & 0xFF) * alpha + white) / 255;
        sums[column * 3 + 1] += (((argb >> 8) & 0xFF) * alpha + white) / 255;
        sums[column * 3 + 2] += ((argb & 0xFF) * alpha + white) / 255;
    }

    /** Decoded pixels held at once while a large picture is averaged down: 16 MB as ARGB. */
    static final long BAND_PIXELS = 4L * 1024 * 1024;

    /** Decoded pixels per output pixel, at least, on each side before the final high-quality scale. */
    static final int QUALITY_MARGIN = 2;

    /** The centred part of a {@code sourceW}x{@code sourceH} picture a cover fit to the target keeps. */
    static Rectangle coverRegion(int sourceW, int sourceH, int width, int height) {
        if ((long) sourceW * height > (long) sourceH * width) {
            int keptW = (int) Math.min(sourceW, Math.max(1, Math.round((double) sourceH * width / height)));
            return new Rectangle((sourceW - keptW) / 2, 0, keptW, sourceH);
        }
        int keptH = (int) Math.min(sourceH, Math.max(1, Math.round((double) sourceW * height / width)));
        return new Rectangle(0, (sourceH - keptH) / 2, sourceW, keptH);
    }

    /** The largest block that leaves at least {@link #QUALITY_MARGIN} decoded pixels per output pixel each way. */
    static int blockSize(Rectangle kept, int width, int height) {
        int k = Math.min(kept.width / (QUALITY_MARGIN * width), kept.height / (QUALITY_MARGIN * height));
        return Math.max(1, k);
    }

    private static void checkTarget(int width, int height, float quality) {
        if (width <= 0 || height <= 0 || width > MAX_OUTPUT_DIMENSION || height > MAX_OUTPUT_DIMENSION) {
            throw new IllegalArgumentException("target size must be between 1 and " + MAX_OUTPUT_DIMENSION
                    + " pixels per side, got " + width + "x" + height);
        }
        if (!(quality >= 0f && quality <= 1f)) {
            throw new IllegalArgumentException("quality must be between 0 and 1, got " + quality);
        }
    }

    /**
     * Reads only the header so oversized images are rejected before any pixel memory is allocated; a broken header
     * is reported, with a clearer message, by the full decode that follows.
     */
    private static void checkDeclaredSize(byte[] bytes) {
        ImageHeader.of(bytes).filter(header -> header.pixels() > MAX_SOURCE_PIXELS).ifPresent(header -> {
            throw new IllegalArgumentException("image is too large to process: " + header.width() + "x"
                    + header.height());
        });
    }

    /**
     * JPEG has no alpha channel and ImageIO's writer fails or writes CMYK-looking garbage for ARGB
     * input, so everything is flattened onto white into a plain RGB raster first.
     */
    private static BufferedImage toOpaqueRgb(BufferedImage src) {
        if (src.getType() == BufferedImage.TYPE_INT_RGB) {
            return src;
        }
        BufferedImage out = new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, out.getWidth(), out.getHeight());
            g.setComposite(AlphaComposite.SrcOver);
            g.drawImage(src, 0, 0, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    private static BufferedImage coverScale(BufferedImage src, int width, int height) {
        if (src.getWidth() == width && src.getHeight() == height) {
            return src;
        }
        BufferedImage current = src;
        // A single bilinear/bicubic pass only samples a few neighbours, so shrinking by more than 2x
        // skips source pixels and aliases. Halving repeatedly averages every pixel on the way down.
        while (coverScaleFactor(current, width, height) < 0.5) {
            int w = Math.max(1, (current.getWidth() + 1) / 2);
            int h = Math.max(1, (current.getHeight() + 1) / 2);
            BufferedImage half = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = half.createGraphics();
            try {
                g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
                g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
                g.drawImage(current, 0, 0, w, h, null);
            } finally {
                g.dispose();
            }
            current = half;
        }

        double scale = coverScaleFactor(current, width, height);
        double offsetX = (width - current.getWidth() * scale) / 2.0;
        double offsetY = (height - current.getHeight() * scale) / 2.0;
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setRenderingHint(RenderingHints.KEY_COLOR_RENDERING, RenderingHints.VALUE_COLOR_RENDER_QUALITY);
            AffineTransform at = new AffineTransform();
            at.translate(offsetX, offsetY);
            at.scale(scale, scale);
            g.drawImage(current, at, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    private static double coverScaleFactor(BufferedImage img, int width, int height) {
        return Math.max((double) width / img.getWidth(), (double) height / img.getHeight());
    }

    private static byte[] encode(BufferedImage rgb, float quality) {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
        if (!writers.hasNext()) {
            throw new IllegalStateException("no JPEG ImageWriter is available in this runtime");
        }
        ImageWriter writer = writers.next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * 1024);
        // An in-memory stream avoids ImageIO's default temp-file cache, which fails on read-only
        // file systems and is slower for images this size.
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            if (param.canWriteProgressive()) {
                param.setProgressiveMode(ImageWriteParam.MODE_DISABLED);
            }
            writer.setOutput(out);
            writer.write(null, new IIOImage(rgb, null, null), param);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("JPEG encoding failed", e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
