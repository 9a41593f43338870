package dev.darkroom.provider;

import dev.darkroom.limit.SharedLimits;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one rate limiter of each provider on this worker. On PostgreSQL the limiters share their counts with every
 * other worker through the database; on H2 (one node) they count in memory. Adapters reach them too, so that a
 * provider's own rate headers (not only its 429s) can slow every caller down.
 */
@Singleton
public class RateLimits {

    private final Map<String, RateLimiter> limiters = new ConcurrentHashMap<>();
    private final Duration maxPause;
    private final @Nullable SharedLimits shared;
    private final Clock clock;

    /**
     * @param maxPause the worker's cap on any provider's Retry-After, for the pauses it imposes on everyone too
     * @param shared   the limits in the shared database, present only on PostgreSQL
     */
    public RateLimits(@Value("${darkroom.worker.max-retry-after:30s}") Duration maxPause,
                      @Nullable SharedLimits shared, Clock clock) {
        this.maxPause = maxPause;
        this.shared = shared;
        this.clock = clock;
    }

    public RateLimiter of(ImageProvider provider) {
        return limiters.computeIfAbsent(provider.name(), name -> shared == null
                ? new LocalRateLimiter(provider.policy().requestsPerMinute(), provider.policy().maxInFlight(),
                        maxPause)
                : new SharedRateLimiter(name, provider.policy().requestsPerMinute(), provider.policy().maxInFlight(),
                        maxPause, shared, clock));
    }

    /** Holds every call to the named provider back for this long. */
    public void pause(String provider, Duration wait) {
        RateLimiter limiter = limiters.get(provider);
        if (limiter != null) {
            limiter.pause(wait);
        }
    }
}
