package dev.darkroom.provider;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

/**
 * Knobs that let the local generator behave like a real, imperfect provider in demos, tests and benchmarks.
 *
 * @param latency        time every image takes
 * @param latencyJitter  extra time per image, up to this much, drawn from the image id (the same id always waits the same)
 * @param failIds        image ids refused for good (like a content-policy refusal)
 * @param failRate       share of calls, 0 to 1, that fail with a transient error worth retrying
 * @param hangIds        image ids whose call never returns (until interrupted)
 * @param requestsPerMinute rate limit, as a real provider would have; 0 for none
 * @param maxInFlight    calls at once; 0 for no limit
 * @param pricePerImage  what an image costs, for cost estimates in demos
 */
@ConfigurationProperties("darkroom.local-generator")
public record LocalGeneratorProperties(
        @Bindable(defaultValue = "0ms") Duration latency,
        @Bindable(defaultValue = "0ms") Duration latencyJitter,
        @Bindable(defaultValue = "") List<String> failIds,
        @Bindable(defaultValue = "0") double failRate,
        @Bindable(defaultValue = "") List<String> hangIds,
        @Bindable(defaultValue = "0") int requestsPerMinute,
        @Bindable(defaultValue = "0") int maxInFlight,
        @Bindable(defaultValue = "0") BigDecimal pricePerImage) {
}
