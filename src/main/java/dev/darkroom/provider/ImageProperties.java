package dev.darkroom.provider;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/** The format every stored image is normalized to. */
@ConfigurationProperties("darkroom.image")
public record ImageProperties(
        @Bindable(defaultValue = "512") int width,
        @Bindable(defaultValue = "512") int height,
        @Bindable(defaultValue = "0.8") float quality) {
}
