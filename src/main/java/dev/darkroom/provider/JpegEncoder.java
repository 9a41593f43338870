package dev.darkroom.provider;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

final class JpegEncoder {
    static byte[] toJpeg(BufferedImage image, int width, int height, float quality) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "jpg", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] normalize(byte[] data, int width, int height, float quality) {
        try {
            return toJpeg(ImageIO.read(new java.io.ByteArrayInputStream(data)), width, height, quality);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
