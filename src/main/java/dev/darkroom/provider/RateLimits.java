package dev.darkroom.provider;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one rate limiter of each provider on this worker. Adapters reach it too, so that a provider's own rate
 * headers (not only its 429s) can slow every caller down.
 */
@Singleton
public class RateLimits {

    private final Map<String, RateLimiter> limiters = new ConcurrentHashMap<>();
    private final Duration maxPause;

    /** @param maxPause the worker's cap on any provider's Retry-After, for the pauses it imposes on everyone too */
    public RateLimits(@Value("${darkroom.worker.max-retry-after:30s}") Duration maxPause) {
        this.maxPause = maxPause;
    }

    public RateLimiter of(ImageProvider provider) {
        return limiters.computeIfAbsent(provider.name(), name -> new RateLimiter(
                provider.policy().requestsPerMinute(), provider.policy().maxInFlight(), maxPause));
    }

    /** Holds every call to the named provider back for this long. */
    public void pause(String provider, Duration wait) {
        RateLimiter limiter = limiters.get(provider);
        if (limiter != null) {
            limiter.pause(wait);
        }
    }
}
