package dev.darkroom.provider;

import dev.darkroom.metrics.ProviderMetrics;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.exceptions.ConfigurationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The providers of {@code darkroom.providers.order}, each with its rate limiter and circuit breaker, shared by
 * every run on this worker. Built at startup, so that an order naming a provider that is not configured stops the
 * worker instead of failing its first job.
 */
@Context
@Requires(property = "darkroom.roles.worker", notEquals = "false")
public class ProviderChain {

    private static final Logger LOG = LoggerFactory.getLogger(ProviderChain.class);

    private final List<Route> routes;

    public ProviderChain(List<ImageProvider> providers, ProvidersProperties properties, RateLimits limits,
                         ProviderMetrics metrics) {
        Map<String, ImageProvider> byName = providers.stream()
                .collect(Collectors.toMap(ImageProvider::name, Function.identity()));
        if (properties.order() == null || properties.order().isEmpty()) {
            throw new ConfigurationException("darkroom.providers.order must name at least one provider");
        }
        List<Route> ordered = new ArrayList<>();
        for (String name : properties.order()) {
            ImageProvider provider = byName.get(name.trim());
            if (provider == null) {
                throw new ConfigurationException("darkroom.providers.order names '" + name + "', which is not "
                        + "configured here (configured: " + byName.keySet() + "); a provider is enabled by its "
                        + "darkroom.providers." + name + ".api-key");
            }
            if (ordered.stream().anyMatch(r -> r.name().equals(provider.name()))) {
                throw new ConfigurationException("darkroom.providers.order names '" + name + "' twice");
            }
            ordered.add(new Route(provider, limits.of(provider), properties, metrics));
        }
        this.routes = List.copyOf(ordered);
        LOG.info("image providers, in order: {}", routes.stream().map(Route::name).toList());
    }

    public List<Route> routes() {
        return routes;
    }

    /** One provider as the worker uses it. */
    public static final class Route {

        /** The code of a failure that was no failure of the provider: the run was stopped while it waited. */
        public static final String INTERRUPTED = "interrupted";
        /** The code with which a provider whose circuit is open sends the image on without a call. */
        public static final String CIRCUIT_OPEN = "circuit_open";

        private final ImageProvider provider;
        private final RateLimiter limiter;
        private final CircuitBreaker circuit;
        private final ProviderMetrics.Recorder metrics;

        Route(ImageProvider provider, RateLimiter limiter, ProvidersProperties properties, ProviderMetrics metrics) {
            this.provider = provider;
            this.limiter = limiter;
            this.circuit = ProviderCircuit.of(provider.name(), properties);
            this.metrics = metrics.of(provider.name(), () -> ProviderCircuit.stateOf(circuit));
        }

        public String name() {
            return provider.name();
        }

        public BigDecimal pricePerImage() {
            return provider.policy().pricePerImage();
        }

        /** Whether calls are held off the provider right now (open, its trial calls not yet due). */
        public boolean circuitOpen() {
            return circuit.getState() == CircuitBreaker.State.OPEN;
        }

        /**
         * Waits for the rate limit, calls the provider, and learns from the outcome. A 429's pause is in place
         * before the call's slot is freed, so no caller waiting for that slot slips past it. With its circuit open
         * the provider is not called, unless it is the last resort: there is nowhere else to go then, and the
         * call it gets is not counted for the circuit, which only its trial calls may close.
         */
        public GeneratedImage generate(ImageRequest request, boolean lastResort,
                                       Function<ImageRequest, GeneratedImage> timedCall) {
            boolean permitted = circuit.tryAcquirePermission();
            if (!permitted && !lastResort) {
                throw ProviderException.transientFailure(CIRCUIT_OPEN, "the circuit of " + name() + " is open");
            }
            long started = System.nanoTime();
            RateLimiter.Permit permit = acquire(permitted);
            long called = System.nanoTime();
            metrics.waitedForLimits(called - started);
            try {
                GeneratedImage image = timedCall.apply(request);
                metrics.succeeded(System.nanoTime() - called);
                if (permitted) {
                    circuit.onSuccess(System.nanoTime() - started, TimeUnit.NANOSECONDS);
                }
                return image;
            } catch (ProviderException e) {
                if (!INTERRUPTED.equals(e.code())) {
                    metrics.failed(e.retryable());
                }
                if (e.retryable() && !INTERRUPTED.equals(e.code())) {
                    if (e.retryAfter() != null) {
                        limiter.pause(e.retryAfter());
                    }
                    if (permitted) {
                        circuit.onError(System.nanoTime() - started, TimeUnit.NANOSECONDS, e);
                    }
                } else if (permitted) {
                    // A refusal or a stop says nothing about the provider's health: the trial slot goes back.
                    circuit.releasePermission();
                }
                throw e;
            } catch (RuntimeException e) {
                // Output the adapter could not handle: final for the image, as ProviderRetries treats it.
                metrics.failed(false);
                if (permitted) {
                    circuit.releasePermission();
                }
                throw e;
            } finally {
                permit.close();
            }
        }

        public ImageProvider provider() {
            return provider;
        }

        private RateLimiter.Permit acquire(boolean permitted) {
            try {
                return limiter.acquire();
            } catch (InterruptedException e) {
                if (permitted) {
                    circuit.releasePermission();
                }
                Thread.currentThread().interrupt();
                throw ProviderException.refusal(INTERRUPTED, "the run was stopped");
            }
        }
    }
}
