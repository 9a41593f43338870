package dev.darkroom.worker;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * How a worker generates a run.
 *
 * @param concurrency       images in flight per run: a sliding window, so a slow image never holds the rest back
 * @param imageTimeout      longest one provider call may take before it is abandoned
 * @param maxRetries        retries of a transient failure (timeouts, 5xx, 429) per image
 * @param retryBackoff      first wait between retries; doubles each time
 * @param heartbeatInterval how often a running run says it is alive
 * @param maxRuns           runs this worker takes at once; more are refused with 429 (busy): the dispatcher holds
 *                          them, due, and a dispatcher in this process does not even send them
 * @param maxRetryAfter     cap on a provider's Retry-After: a longer wait is not worth holding a slot for
 * @param outcomeRetention  how long an ended run's undelivered outcomes are kept for recovery to pull
 * @param drainTimeout      on SIGTERM, how long the images in flight are given to finish and reach the receiver
 *                          before the worker stops anyway; images not yet started are left for the next attempt
 * @param advertisedUrl     where this very worker instance can be reached, behind any load balancer; given back
 *                          with each accepted run so that recovery and cancel ask the worker that has it
 */
@ConfigurationProperties("darkroom.worker")
public record WorkerProperties(
        @Bindable(defaultValue = "5") int concurrency,
        @Bindable(defaultValue = "60s") Duration imageTimeout,
        @Bindable(defaultValue = "2") int maxRetries,
        @Bindable(defaultValue = "1s") Duration retryBackoff,
        @Bindable(defaultValue = "20s") Duration heartbeatInterval,
        @Bindable(defaultValue = "8") int maxRuns,
        @Bindable(defaultValue = "30s") Duration maxRetryAfter,
        @Bindable(defaultValue = "1h") Duration outcomeRetention,
        @Bindable(defaultValue = "60s") Duration drainTimeout,
        @Nullable String advertisedUrl) {
}
