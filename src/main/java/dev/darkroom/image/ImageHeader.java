package dev.darkroom.image;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Optional;

/**
 * The size an image's header declares, read without decoding a pixel: a picture too large for the heap is refused
 * before it takes it, and a picture's claimed size is checked against its bytes.
 */
public record ImageHeader(long width, long height) {

    public long pixels() {
        return width * height;
    }

    /**
     * @throws IOException when the bytes are in no format ImageIO reads ({@link UnknownFormat}) or their header is
     *                     broken
     */
    public static ImageHeader read(byte[] data) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(data))) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new UnknownFormat(data.length + " bytes in no image format Darkroom reads");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                return new ImageHeader(reader.getWidth(0), reader.getHeight(0));
            } finally {
                reader.dispose();
            }
        }
    }

    /** The header, or empty when there is none to read. */
    public static Optional<ImageHeader> of(byte[] data) {
        try {
            return Optional.of(read(data));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Bytes that are no picture Darkroom can read at all. */
    public static class UnknownFormat extends IOException {
        public UnknownFormat(String message) {
            super(message);
        }
    }
}
