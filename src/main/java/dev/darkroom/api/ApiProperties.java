package dev.darkroom.api;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * Limits and hints of the public API.
 *
 * @param maxItems     evidence plus locations allowed in one job
 * @param maxBodyBytes largest create request accepted, in bytes (413 above)
 * @param retryAfter   poll interval suggested to clients in Retry-After
 * @param creationsPerMinute jobs one caller (token subject) may create per minute on one node; 429 above
 * @param maxNameLength        characters of an item's name
 * @param maxDescriptionLength characters of an item's description
 */
@ConfigurationProperties("darkroom.api")
public record ApiProperties(
        @Bindable(defaultValue = "50") int maxItems,
        @Bindable(defaultValue = "262144") int maxBodyBytes,
        @Bindable(defaultValue = "2s") Duration retryAfter,
        @Bindable(defaultValue = "60") int creationsPerMinute,
        @Bindable(defaultValue = "200") int maxNameLength,
        @Bindable(defaultValue = "2000") int maxDescriptionLength) {
}
