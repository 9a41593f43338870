package dev.darkroom.provider;

import dev.darkroom.image.ImageHeader;
import dev.darkroom.image.ImageProperties;
import dev.darkroom.image.JpegEncoder;
import jakarta.inject.Singleton;

import java.io.IOException;

/** Brings any provider's output to the configured size and JPEG quality, so clients see one format. */
@Singleton
public class ImageNormalizer {

    public static final String JPEG = JpegEncoder.CONTENT_TYPE;

    private final ImageProperties format;

    public ImageNormalizer(ImageProperties format) {
        this.format = format;
    }

    public GeneratedImage normalize(GeneratedImage image) {
        if (JPEG.equals(image.contentType()) && image.width() == format.width() && image.height() == format.height()) {
            return image;
        }
        byte[] jpeg = JpegEncoder.normalize(image.data(), format.width(), format.height(), format.quality());
        return new GeneratedImage(jpeg, JPEG, format.width(), format.height());
    }

    /**
     * Normalizes bytes a provider sent; bytes that are no picture are the provider's fault and final. The picture's
     * size is read from its header first: several huge answers decoded at once would exhaust the heap.
     */
    public GeneratedImage fromProvider(String provider, byte[] data) {
        ImageHeader size = declaredSize(provider, data);
        if (size.pixels() > format.maxSourcePixels()) {
            throw ProviderException.refusal("bad_output", provider + " sent a " + size.width() + "x" + size.height()
                    + " image, more than darkroom.image.max-source-pixels (" + format.maxSourcePixels() + ")");
        }
        try {
            byte[] jpeg = JpegEncoder.normalize(data, format.width(), format.height(), format.quality());
            return new GeneratedImage(jpeg, JPEG, format.width(), format.height());
        } catch (IllegalArgumentException | IllegalStateException | java.io.UncheckedIOException e) {
            throw unreadable(provider, e);
        }
    }

    /** The header's size, read without decoding a pixel; a refusal when there is no such header. */
    private static ImageHeader declaredSize(String provider, byte[] data) {
        if (data == null || data.length == 0) {
            throw ProviderException.refusal("bad_output", provider + " sent an empty image");
        }
        try {
            return ImageHeader.read(data);
        } catch (ImageHeader.UnknownFormat e) {
            throw ProviderException.refusal("bad_output", provider + " sent " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            throw unreadable(provider, e);
        }
    }

    /** The refusal for a picture that could not be read, with every cause's message: what an operator needs. */
    private static ProviderException unreadable(String provider, Throwable e) {
        StringBuilder why = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            why.append(why.isEmpty() ? "" : "; caused by ").append(t.getClass().getSimpleName());
            if (t.getMessage() != null) {
                why.append(": ").append(t.getMessage());
            }
        }
        ProviderException refusal = ProviderException.refusal("bad_output", provider
                + " sent an image that could not be read: " + why);
        refusal.initCause(e);
        return refusal;
    }

    public ImageProperties format() {
        return format;
    }
}
