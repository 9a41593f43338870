package dev.darkroom.provider;

import dev.darkroom.render.JpegEncoder;
import jakarta.inject.Singleton;

/** Brings any provider's output to the configured size and JPEG quality, so clients see one format. */
@Singleton
public class ImageNormalizer {

    public static final String JPEG = "image/jpeg";

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

    /** Normalizes bytes a provider sent; bytes that are no picture are the provider's fault and final. */
    public GeneratedImage fromProvider(String provider, byte[] data) {
        try {
            byte[] jpeg = JpegEncoder.normalize(data, format.width(), format.height(), format.quality());
            return new GeneratedImage(jpeg, JPEG, format.width(), format.height());
        } catch (IllegalArgumentException e) {
            throw ProviderException.refusal("bad_output", provider + " sent an image that could not be read: "
                    + e.getMessage());
        }
    }

    public ImageProperties format() {
        return format;
    }
}
