package dev.darkroom.image;

import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/** A large picture is decoded only as far as its output needs, so images in flight cannot exhaust the heap. */
class BoundedDecodeTest {

    private static final int TARGET = 512;

    @Test
    void aLargePictureDecodesToARasterBoundedByTheTargetSize() throws IOException {
        byte[] large = png(4000, 4000);

        BufferedImage decoded = JpegEncoder.decode(large, TARGET, TARGET);

        assertThat((long) decoded.getWidth() * decoded.getHeight())
                .isLessThanOrEqualTo(16L * TARGET * TARGET)
                .isGreaterThanOrEqualTo(4L * TARGET * TARGET);
        assertThat(size(JpegEncoder.normalize(large, TARGET, TARGET, 0.9f))).isEqualTo(TARGET + "x" + TARGET);
    }

    @Test
    void aVeryWidePictureDecodesOnlyThePartTheCropKeeps() throws IOException {
        byte[] wide = png(8000, 600);

        BufferedImage decoded = JpegEncoder.decode(wide, TARGET, TARGET);

        assertThat(decoded.getWidth()).isEqualTo(600);
        assertThat(decoded.getHeight()).isEqualTo(600);
        assertThat(size(JpegEncoder.normalize(wide, TARGET, TARGET, 0.9f))).isEqualTo(TARGET + "x" + TARGET);
    }

    @Test
    void aPictureUnderFourTimesTheTargetIsDecodedInFull() throws IOException {
        BufferedImage decoded = JpegEncoder.decode(png(1024, 1024), TARGET, TARGET);

        assertThat(decoded.getWidth()).isEqualTo(1024);
        assertThat(decoded.getHeight()).isEqualTo(1024);
    }

    @Test
    void fineDetailIsAveragedNotSkippedSoItComesOutAsItsMeanTone() throws IOException {
        // One-pixel black and white stripes: skipping pixels would keep only one of the two colours.
        BufferedImage stripes = new BufferedImage(4096, 4096, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = stripes.createGraphics();
        g.setColor(Color.WHITE);
        for (int x = 0; x < 4096; x += 2) {
            g.fillRect(x, 0, 1, 4096);
        }
        g.dispose();

        BufferedImage out = ImageIO.read(new ByteArrayInputStream(
                JpegEncoder.normalize(encode(stripes), TARGET, TARGET, 0.9f)));

        assertThat(meanTone(out)).isBetween(118.0, 138.0);
    }

    @Test
    void aLargeTransparentPictureComesOutWhite() throws IOException {
        BufferedImage clear = new BufferedImage(3000, 3000, BufferedImage.TYPE_INT_ARGB);

        BufferedImage out = ImageIO.read(new ByteArrayInputStream(
                JpegEncoder.normalize(encode(clear), TARGET, TARGET, 0.9f)));

        assertThat(meanTone(out)).isGreaterThan(250.0);
    }

    private static double meanTone(BufferedImage image) {
        long sum = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                sum += ((rgb >> 16 & 0xFF) + (rgb >> 8 & 0xFF) + (rgb & 0xFF)) / 3;
            }
        }
        return (double) sum / ((long) image.getWidth() * image.getHeight());
    }

    private static byte[] encode(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private static String size(byte[] jpeg) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(jpeg));
        return image.getWidth() + "x" + image.getHeight();
    }

    /** Stripes, so the picture compresses small but has detail to lose. */
    private static byte[] png(int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        for (int x = 0; x < width; x += 64) {
            g.setColor(x / 64 % 2 == 0 ? Color.DARK_GRAY : Color.ORANGE);
            g.fillRect(x, 0, 32, height);
        }
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
