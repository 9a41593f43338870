package dev.darkroom.security;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;
import java.util.List;

/**
 * Worker-to-receiver webhooks.
 *
 * @param secret          signing secret, {@code whsec_<base64>}; generated per process for dev and demo when unset
 * @param acceptedSecrets  further secrets the receiver accepts, for rotation
 * @param receiverUrl    base URL of the receiver role; empty means this process
 * @param tolerance      how far a webhook-timestamp may be from the receiver's clock
 * @param maxAttempts    deliveries of one event before the worker gives up on it; with the default backoff, 16
 *                       span 2.5 to 5 minutes of receiver outage (a redeploy, a database failover); recovery pulls
 *                       whatever is given up
 * @param initialBackoff first wait after a failed delivery; doubles each time, with jitter
 * @param maxBackoff     cap on that wait, and on a receiver's Retry-After
 * @param senders        threads that deliver events, shared by all runs of a worker
 */
@ConfigurationProperties("darkroom.webhook")
public record WebhookProperties(
        @Nullable String secret,
        @Bindable(defaultValue = "") List<String> acceptedSecrets,
        @Nullable String receiverUrl,
        @Bindable(defaultValue = "5m") Duration tolerance,
        @Bindable(defaultValue = "16") int maxAttempts,
        @Bindable(defaultValue = "500ms") Duration initialBackoff,
        @Bindable(defaultValue = "30s") Duration maxBackoff,
        @Bindable(defaultValue = "4") int senders) {
}
