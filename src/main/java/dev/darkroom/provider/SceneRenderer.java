package dev.darkroom.provider;

import dev.darkroom.job.ImageKind;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;

final class SceneRenderer {
    BufferedImage render(ImageKind kind, String name, String description, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color((name + description).hashCode() | 0xFF000000));
        g.fillRect(0, 0, width, height);
        g.dispose();
        return image;
    }
}
