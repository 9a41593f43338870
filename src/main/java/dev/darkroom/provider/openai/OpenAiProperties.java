package dev.darkroom.provider.openai;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * OpenAI Images. The adapter exists only when {@code api-key} is set (by default from {@code OPENAI_API_KEY}).
 *
 * @param apiKey            the Bearer key
 * @param baseUrl           API base, without {@code /v1}
 * @param model             image model id; model ids are retired often, so this is configuration
 * @param size              size asked for; the result is normalized to {@code darkroom.image} anyway
 * @param quality           {@code low}, {@code medium}, {@code high} or {@code auto}
 * @param timeout           longest one call may take
 * @param pricePerImage     price of one image at this model, size and quality, for cost estimates
 * @param requestsPerMinute calls per minute from this worker
 * @param maxInFlight       calls open at once from this worker
 */
@ConfigurationProperties("darkroom.providers.openai")
public record OpenAiProperties(
        @Nullable String apiKey,
        @Bindable(defaultValue = "https://api.openai.com") String baseUrl,
        @Bindable(defaultValue = "gpt-image-1") String model,
        @Bindable(defaultValue = "1024x1024") String size,
        @Bindable(defaultValue = "low") String quality,
        @Bindable(defaultValue = "120s") Duration timeout,
        @Bindable(defaultValue = "0") BigDecimal pricePerImage,
        @Bindable(defaultValue = "60") int requestsPerMinute,
        @Bindable(defaultValue = "10") int maxInFlight) {
}
