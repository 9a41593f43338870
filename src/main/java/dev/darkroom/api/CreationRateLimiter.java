package dev.darkroom.api;

import dev.darkroom.problem.ProblemException;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpStatus;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Job creations per caller per minute, as a token bucket (bucket4j) per token subject. The buckets live in this
 * node's memory on purpose: a limit exists to shield this node, and losing a bucket on restart costs nothing a user
 * cares about. With N nodes behind a balancer a caller gets up to N times the limit.
 */
@Singleton
public class CreationRateLimiter {

    private final long perMinute;
    private final TimeMeter time;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public CreationRateLimiter(ApiProperties properties, Clock clock) {
        this.perMinute = Math.max(1, properties.creationsPerMinute());
        this.time = new ClockTime(clock);
    }

    /** Takes one creation from the caller's bucket, or refuses with 429 and the seconds until the next one. */
    public void acquire(String caller) {
        ConsumptionProbe probe = buckets.computeIfAbsent(caller, c -> bucket()).tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999));
            throw new ProblemException(HttpStatus.TOO_MANY_REQUESTS, "rate-limited",
                    "at most " + perMinute + " jobs per minute per caller; try again in " + seconds + " s",
                    List.of(), Map.of(HttpHeaders.RETRY_AFTER, Long.toString(seconds)));
        }
    }

    /** A bucket that has refilled is the same as no bucket: dropping it keeps the map to the recent callers. */
    @Scheduled(fixedDelay = "1m", initialDelay = "1m")
    void forgetIdleCallers() {
        buckets.values().removeIf(bucket -> bucket.getAvailableTokens() >= perMinute);
    }

    private Bucket bucket() {
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)))
                .withCustomTimePrecision(time)
                .build();
    }

    /** The buckets keep the time of the injected clock, so that a test can move it. */
    private record ClockTime(Clock clock) implements TimeMeter {
        @Override
        public long currentTimeNanos() {
            // Through Instant, not millis(): a microsecond TickClock divides by zero there on Java 17.
            Instant now = clock.instant();
            return TimeUnit.SECONDS.toNanos(now.getEpochSecond()) + now.getNano();
        }

        @Override
        public boolean isWallClockBased() {
            return true;
        }
    }
}
