package dev.darkroom.support;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;

/** Small real pictures, as a provider would send them. */
public final class Pictures {

    private Pictures() {
    }

    public static byte[] png(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(40, 60, 90));
        g.fillRect(0, 0, width, height);
        g.setColor(Color.ORANGE);
        g.fillOval(width / 4, height / 4, width / 2, height / 2);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A real baseline JPEG, as Darkroom stores them. */
    public static byte[] jpeg(int width, int height) {
        return dev.darkroom.image.JpegEncoder.normalize(png(width, height), width, height, 0.8f);
    }

    public static String pngBase64(int width, int height) {
        return Base64.getEncoder().encodeToString(png(width, height));
    }
}
