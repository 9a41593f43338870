package dev.darkroom.provider.replicate;

import dev.darkroom.provider.prediction.AsyncPredictionProvider;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

/**
 * Replicate predictions. The adapter exists only when {@code api-key} is set (by default from
 * {@code REPLICATE_API_TOKEN}); its callbacks are accepted only when {@code webhook-secret} is set.
 *
 * @param apiKey            the Bearer token ({@code r8_…})
 * @param baseUrl           API base, including {@code /v1}
 * @param model             {@code owner/name} of an official model, run through its predictions endpoint
 * @param webhookSecret     the account's webhook signing secret ({@code whsec_…}, from
 *                          {@code GET /v1/webhooks/default/secret})
 * @param timeout           longest wait for one prediction; past it the prediction is canceled
 * @param requestTimeout    longest one HTTP call to Replicate may take
 * @param callbackGrace     how long to wait for the callback before polling the prediction
 * @param pollInterval      how often to poll once the grace is over
 * @param reuseWithin       a prediction of the same image this recent, still running or succeeded, is collected
 *                          instead of paying for a new one (outputs are deleted after an hour)
 * @param downloadHosts     origins output may be downloaded from, written as {@code darkroom.outbound.allowed-hosts}
 * @param maxDownloadBytes  largest output accepted
 * @param pricePerImage     price of one image, for cost estimates
 * @param requestsPerMinute predictions created per minute from this worker
 * @param maxInFlight       predictions running at once from this worker
 */
@ConfigurationProperties("darkroom.providers.replicate")
public record ReplicateProperties(
        @Nullable String apiKey,
        @Bindable(defaultValue = "https://api.replicate.com/v1") String baseUrl,
        @Bindable(defaultValue = "black-forest-labs/flux-schnell") String model,
        @Nullable String webhookSecret,
        @Bindable(defaultValue = "55s") Duration timeout,
        @Bindable(defaultValue = "30s") Duration requestTimeout,
        @Bindable(defaultValue = "20s") Duration callbackGrace,
        @Bindable(defaultValue = "2s") Duration pollInterval,
        @Bindable(defaultValue = "50m") Duration reuseWithin,
        @Bindable(defaultValue = "replicate.delivery,*.replicate.delivery") List<String> downloadHosts,
        @Bindable(defaultValue = "20971520") long maxDownloadBytes,
        @Bindable(defaultValue = "0") BigDecimal pricePerImage,
        @Bindable(defaultValue = "60") int requestsPerMinute,
        @Bindable(defaultValue = "10") int maxInFlight) implements AsyncPredictionProvider.Settings {
}
