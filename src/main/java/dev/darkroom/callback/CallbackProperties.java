package dev.darkroom.callback;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;
import java.util.List;

/**
 * Completion callbacks to the game backend.
 *
 * @param allowedHosts    the only origins a callback URL may name, {@code [scheme://]host[:port]} as in
 *                        {@code darkroom.outbound.allowed-hosts}: https and its default port unless spelled out;
 *                        a private, loopback or link-local address only when an entry names that address
 * @param secret          signing secret, {@code whsec_<base64>}; generated per process for dev and demo when unset
 * @param previousSecrets secrets that also sign each callback while a rotation is under way, so a backend that
 *                        still holds the old one keeps verifying
 * @param retryFor        how long after the job's end attempts go on (Standard Webhooks recommends a day or more)
 * @param initialBackoff  first wait after a failed attempt; doubles each time, with jitter
 * @param maxBackoff      cap on that wait, and on a backend's Retry-After
 * @param timeout         how long one attempt may take, connection and answer together
 * @param pollInterval    how often the delivery loop looks for due callbacks
 * @param batchSize       callbacks one look claims at most
 * @param lease           how long a claimed callback is held by its node before another may take it
 * @param enabled         whether this node runs the delivery loop
 */
@ConfigurationProperties("darkroom.callbacks")
public record CallbackProperties(
        @Bindable(defaultValue = "") List<String> allowedHosts,
        @Nullable String secret,
        @Bindable(defaultValue = "") List<String> previousSecrets,
        @Bindable(defaultValue = "25h") Duration retryFor,
        @Bindable(defaultValue = "30s") Duration initialBackoff,
        @Bindable(defaultValue = "2h") Duration maxBackoff,
        @Bindable(defaultValue = "10s") Duration timeout,
        @Bindable(defaultValue = "1s") Duration pollInterval,
        @Bindable(defaultValue = "16") int batchSize,
        @Bindable(defaultValue = "2m") Duration lease,
        @Bindable(defaultValue = "true") boolean enabled) {
}
