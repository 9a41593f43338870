package dev.darkroom.provider;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;
import java.util.List;

/**
 * Which providers a worker uses, in order of preference.
 *
 * @param order            provider names; an image whose provider keeps failing with a transient error, or whose
 *                         provider's circuit is open, goes to the next one
 * @param circuitFailures  transient failures in a row, across all runs, that open a provider's circuit
 * @param circuitOpenFor   how long an open circuit sends images straight to the next provider
 * @param callbackBaseUrl  public base URL of the receiver role, for providers that call back (Replicate, fal);
 *                         unset means no callbacks: those providers are polled
 * @param callbackCheck    how often a worker waiting for a callback looks at the prediction's row
 */
@ConfigurationProperties("darkroom.providers")
public record ProvidersProperties(
        @Bindable(defaultValue = "local") List<String> order,
        @Bindable(defaultValue = "5") int circuitFailures,
        @Bindable(defaultValue = "30s") Duration circuitOpenFor,
        @Nullable String callbackBaseUrl,
        @Bindable(defaultValue = "250ms") Duration callbackCheck) {
}
