package dev.darkroom.api;

import dev.darkroom.Sha256;
import dev.darkroom.limit.ClockTimeMeter;
import dev.darkroom.limit.SharedLimits;
import dev.darkroom.problem.ProblemException;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpStatus;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Job creations per caller per minute, as a token bucket (bucket4j) per token subject. On PostgreSQL the bucket is a
 * row every API node shares, so a caller gets the limit once however many nodes the balancer spreads it over; that
 * costs each create one short transaction of two statements on the bucket's row (four on a caller's first create),
 * before the job's own. On H2 (one node) the buckets live in memory, and losing them on restart costs nothing a user
 * cares about.
 */
@Singleton
public class CreationRateLimiter {

    private final long perMinute;
    private final TimeMeter time;
    private final BucketConfiguration configuration;
    private final @Nullable SharedLimits shared;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    /** @param shared the limits in the shared database, present only on PostgreSQL */
    public CreationRateLimiter(ApiProperties properties, Clock clock, @Nullable SharedLimits shared) {
        this.perMinute = Math.max(1, properties.creationsPerMinute());
        this.time = new ClockTimeMeter(clock);
        this.shared = shared;
        this.configuration = BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)))
                .build();
    }

    /** Takes one creation from the caller's bucket, or refuses with 429 and the seconds until the next one. */
    public void acquire(String caller) {
        ConsumptionProbe probe = shared == null
                ? buckets.computeIfAbsent(caller, c -> bucket()).tryConsumeAndReturnRemaining(1)
                : shared.buckets().tryTake(sharedKey(caller), configuration);
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

    /**
     * The subject is hashed: the key stays short whatever the token says, and the table names no caller. The limit is
     * in the key, so that a deploy changing it starts fresh buckets instead of keeping the old ones' size.
     */
    private String sharedKey(String caller) {
        return "creations:" + perMinute + ":" + Sha256.hex(caller.getBytes(StandardCharsets.UTF_8));
    }

    private Bucket bucket() {
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)))
                .withCustomTimePrecision(time)
                .build();
    }
}
