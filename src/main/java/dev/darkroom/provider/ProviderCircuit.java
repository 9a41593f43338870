package dev.darkroom.provider;

import dev.darkroom.metrics.ProviderMetrics;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.event.CircuitBreakerOnStateTransitionEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A provider's circuit breaker from {@code darkroom.providers.circuit-failures} and {@code circuit-open-for}:
 * a count-based window of that many calls that all failed (a run of failures in a row) opens it; once the open
 * time is over, {@link #TRIAL_CALLS} calls go through to try the provider, not every image that waited, and the
 * circuit closes unless every one of them failed too.
 */
final class ProviderCircuit {

    /** Calls let through to a provider whose open time is over, while the rest still go elsewhere. */
    static final int TRIAL_CALLS = 2;
    private static final Logger LOG = LoggerFactory.getLogger(ProviderCircuit.class);

    private ProviderCircuit() {
    }

    static CircuitBreaker of(String provider, ProvidersProperties properties) {
        int failures = Math.max(1, properties.circuitFailures());
        CircuitBreaker circuit = CircuitBreaker.of(provider, CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(failures)
                .minimumNumberOfCalls(failures)
                .failureRateThreshold(100)
                .waitDurationInOpenState(properties.circuitOpenFor())
                .permittedNumberOfCallsInHalfOpenState(TRIAL_CALLS)
                .build());
        circuit.getEventPublisher().onStateTransition(ProviderCircuit::log);
        return circuit;
    }

    /**
     * Where the circuit stands. Trying it again (half-open) still holds most calls off: only closed lets everything
     * through; the states Darkroom never sets count as what they do.
     */
    static ProviderMetrics.Circuit stateOf(CircuitBreaker circuit) {
        return switch (circuit.getState()) {
            case OPEN, FORCED_OPEN -> ProviderMetrics.Circuit.OPEN;
            case HALF_OPEN -> ProviderMetrics.Circuit.HALF_OPEN;
            default -> ProviderMetrics.Circuit.CLOSED;
        };
    }

    private static void log(CircuitBreakerOnStateTransitionEvent event) {
        switch (event.getStateTransition().getToState()) {
            case OPEN -> LOG.warn("circuit of provider {} open after repeated failures", event.getCircuitBreakerName());
            case HALF_OPEN -> LOG.info("circuit of provider {}: trying it again with {} calls",
                    event.getCircuitBreakerName(), TRIAL_CALLS);
            case CLOSED -> LOG.info("circuit of provider {} closed", event.getCircuitBreakerName());
            default -> { }
        }
    }
}
