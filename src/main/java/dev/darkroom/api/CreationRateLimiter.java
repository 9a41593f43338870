package dev.darkroom.api;

import dev.darkroom.problem.ProblemException;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpStatus;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Job creations per caller per minute, as a token bucket per token subject. The buckets live in this node's
 * memory on purpose: a limit exists to shield this node, and losing a bucket on restart costs nothing a user
 * cares about. With N nodes behind a balancer a caller gets up to N times the limit.
 */
@Singleton
public class CreationRateLimiter {

    private final double perMinute;
    private final Clock clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public CreationRateLimiter(ApiProperties properties, Clock clock) {
        this.perMinute = properties.creationsPerMinute();
        this.clock = clock;
    }

    /** Takes one creation from the caller's bucket, or refuses with 429 and the seconds until the next one. */
    public void acquire(String caller) {
        long now = clock.instant().toEpochMilli(); // not millis(): a microsecond TickClock divides by zero there on Java 17
        Bucket bucket = buckets.computeIfAbsent(caller, c -> new Bucket(perMinute, now));
        long waitMillis = bucket.take(perMinute, now);
        if (waitMillis > 0) {
            long seconds = Math.max(1, (waitMillis + 999) / 1000);
            throw new ProblemException(HttpStatus.TOO_MANY_REQUESTS, "rate-limited",
                    "at most " + (int) perMinute + " jobs per minute per caller; try again in " + seconds + " s",
                    List.of(), Map.of(HttpHeaders.RETRY_AFTER, Long.toString(seconds)));
        }
    }

    /** A bucket that has refilled is the same as no bucket: dropping it keeps the map to the recent callers. */
    @Scheduled(fixedDelay = "1m", initialDelay = "1m")
    void forgetIdleCallers() {
        long now = clock.instant().toEpochMilli();
        buckets.values().removeIf(bucket -> bucket.isFull(perMinute, now));
    }

    private static final class Bucket {
        private double tokens;
        private long updatedAt;

        Bucket(double capacity, long now) {
            this.tokens = capacity;
            this.updatedAt = now;
        }

        synchronized boolean isFull(double perMinute, long now) {
            return tokens + (now - updatedAt) * perMinute / 60_000.0 >= perMinute;
        }

        /** 0 when a token was taken; otherwise how long until one is there. */
        synchronized long take(double perMinute, long now) {
            tokens = Math.min(perMinute, tokens + (now - updatedAt) * perMinute / 60_000.0);
            updatedAt = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - tokens) * 60_000.0 / perMinute);
        }
    }
}
