package dev.darkroom.image;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * The format every stored image is normalized to.
 *
 * @param maxSourcePixels largest picture (width × height) a provider may send; a bigger one is refused from its
 *                        header, before its pixels are decoded (an 8000×8000 picture takes 256 MB once decoded)
 */
@ConfigurationProperties("darkroom.image")
public record ImageProperties(
        @Bindable(defaultValue = "512") int width,
        @Bindable(defaultValue = "512") int height,
        @Bindable(defaultValue = "0.8") float quality,
        @Bindable(defaultValue = "16777216") long maxSourcePixels) {
}
