package dev.darkroom.provider.gemini;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * Google's Gemini API, image models through {@code generateContent}. The adapter exists only when {@code api-key}
 * is set (by default from {@code GEMINI_API_KEY}).
 *
 * @param apiKey            sent as {@code x-goog-api-key}
 * @param baseUrl           API base, including the version path
 * @param model             an image-capable Gemini model id; ids are retired often, so this is configuration
 * @param aspectRatio       aspect ratio asked for; the result is normalized to {@code darkroom.image} anyway
 * @param timeout           longest one call may take
 * @param pricePerImage     price of one image, for cost estimates
 * @param requestsPerMinute calls per minute from this worker
 * @param maxInFlight       calls open at once from this worker
 */
@ConfigurationProperties("darkroom.providers.gemini")
public record GeminiProperties(
        @Nullable String apiKey,
        @Bindable(defaultValue = "https://generativelanguage.googleapis.com/v1beta") String baseUrl,
        @Bindable(defaultValue = "gemini-2.5-flash-image") String model,
        @Bindable(defaultValue = "1:1") String aspectRatio,
        @Bindable(defaultValue = "120s") Duration timeout,
        @Bindable(defaultValue = "0") BigDecimal pricePerImage,
        @Bindable(defaultValue = "60") int requestsPerMinute,
        @Bindable(defaultValue = "10") int maxInFlight) {
}
