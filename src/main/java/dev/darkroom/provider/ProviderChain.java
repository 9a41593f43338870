package dev.darkroom.provider;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.exceptions.ConfigurationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

    public ProviderChain(List<ImageProvider> providers, ProvidersProperties properties, RateLimits limits) {
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
            ordered.add(new Route(provider, limits.of(provider), properties));
        }
        this.routes = List.copyOf(ordered);
        LOG.info("image providers, in order: {}", routes.stream().map(Route::name).toList());
    }

    public List<Route> routes() {
        return routes;
    }

    /** One provider as the worker uses it. */
    public static final class Route {

        private final ImageProvider provider;
        private final RateLimiter limiter;
        private final CircuitBreaker circuit;

        Route(ImageProvider provider, RateLimiter limiter, ProvidersProperties properties) {
            this.provider = provider;
            this.limiter = limiter;
            this.circuit = new CircuitBreaker(properties.circuitFailures(), properties.circuitOpenFor());
        }

        public String name() {
            return provider.name();
        }

        public BigDecimal pricePerImage() {
            return provider.policy().pricePerImage();
        }

        public boolean circuitOpen() {
            return circuit.isOpen();
        }

        /**
         * Waits for the rate limit, calls the provider, and learns from the outcome. A 429's pause is in place
         * before the call's slot is freed, so no caller waiting for that slot slips past it.
         */
        public GeneratedImage generate(ImageRequest request, Function<ImageRequest, GeneratedImage> timedCall) {
            RateLimiter.Permit permit = acquire();
            try {
                GeneratedImage image = timedCall.apply(request);
                circuit.succeeded();
                return image;
            } catch (ProviderException e) {
                if (e.retryable() && !"interrupted".equals(e.code())) {
                    if (e.retryAfter() != null) {
                        limiter.pause(e.retryAfter());
                    }
                    if (circuit.failed()) {
                        LOG.warn("circuit of provider {} open after repeated failures (last: {} {})", name(),
                                e.code(), e.getMessage());
                    }
                }
                throw e;
            } finally {
                permit.close();
            }
        }

        public ImageProvider provider() {
            return provider;
        }

        private RateLimiter.Permit acquire() {
            try {
                return limiter.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw ProviderException.refusal("interrupted", "the worker is shutting down");
            }
        }
    }
}
