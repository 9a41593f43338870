package dev.darkroom.provider.fal;

import dev.darkroom.provider.prediction.AsyncPredictionProvider;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

/**
 * fal.ai's queue. The adapter exists only when {@code api-key} is set (by default from {@code FAL_KEY}).
 *
 * @param apiKey            sent as {@code Authorization: Key …}
 * @param queueUrl          the queue's base URL
 * @param model             model id, like {@code fal-ai/flux/schnell}
 * @param imageSize         {@code image_size} asked for; the result is normalized to {@code darkroom.image} anyway
 * @param jwksUrl           where fal publishes the Ed25519 keys its webhooks are signed with
 * @param jwksCacheFor      how long those keys are kept before they are fetched again
 * @param timeout           longest wait for one request; past it the request is canceled
 * @param requestTimeout    longest one HTTP call to fal may take
 * @param callbackGrace     how long to wait for the webhook before polling the request's status
 * @param pollInterval      how often to poll once the grace is over
 * @param reuseWithin       a request of the same image this recent, still queued or succeeded, is collected
 *                          instead of paying for a new one
 * @param downloadHosts     origins output may be downloaded from, written as {@code darkroom.outbound.allowed-hosts}
 * @param maxDownloadBytes  largest output accepted
 * @param pricePerImage     price of one image, for cost estimates
 * @param requestsPerMinute requests submitted per minute from this worker
 * @param maxInFlight       requests open at once from this worker
 */
@ConfigurationProperties("darkroom.providers.fal")
public record FalProperties(
        @Nullable String apiKey,
        @Bindable(defaultValue = "https://queue.fal.run") String queueUrl,
        @Bindable(defaultValue = "fal-ai/flux/schnell") String model,
        @Bindable(defaultValue = "square") String imageSize,
        @Bindable(defaultValue = "https://rest.alpha.fal.ai/.well-known/jwks.json") String jwksUrl,
        @Bindable(defaultValue = "12h") Duration jwksCacheFor,
        @Bindable(defaultValue = "55s") Duration timeout,
        @Bindable(defaultValue = "30s") Duration requestTimeout,
        @Bindable(defaultValue = "20s") Duration callbackGrace,
        @Bindable(defaultValue = "2s") Duration pollInterval,
        @Bindable(defaultValue = "50m") Duration reuseWithin,
        @Bindable(defaultValue = "fal.media,*.fal.media") List<String> downloadHosts,
        @Bindable(defaultValue = "20971520") long maxDownloadBytes,
        @Bindable(defaultValue = "0") BigDecimal pricePerImage,
        @Bindable(defaultValue = "60") int requestsPerMinute,
        @Bindable(defaultValue = "10") int maxInFlight) implements AsyncPredictionProvider.Settings {
}
