package dev.darkroom.intake;

import io.micronaut.http.HttpStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * Requests the signed endpoints refused unread, told to the log at most once per {@code every}: an operator sees
 * that a flood is going on, and what it is made of, without the flood becoming one of log lines.
 */
final class RefusalLog {

    private static final Logger LOG = LoggerFactory.getLogger(SignedBodyFilter.class);

    private final Map<Integer, LongAdder> counts = new ConcurrentHashMap<>();
    private final AtomicReference<Instant> lastLine = new AtomicReference<>(Instant.EPOCH);
    private final Clock clock;
    private final Duration every;

    RefusalLog(Clock clock, Duration every) {
        this.clock = clock;
        this.every = every;
    }

    void refused(HttpStatus status, String route, String detail) {
        counts.computeIfAbsent(status.getCode(), code -> new LongAdder()).increment();
        Instant now = clock.instant();
        Instant last = lastLine.get();
        if (Duration.between(last, now).compareTo(every) < 0 || !lastLine.compareAndSet(last, now)) {
            return;
        }
        Map<Integer, Long> byStatus = new TreeMap<>();
        counts.forEach((code, count) -> {
            long taken = count.sumThenReset();
            if (taken > 0) {
                byStatus.put(code, taken);
            }
        });
        LOG.warn("signed endpoints refused {} requests unread since the last such line (by status {}); latest: {} "
                + "to POST {}: {}", byStatus.values().stream().mapToLong(Long::longValue).sum(), byStatus,
                status.getCode(), route, detail);
    }
}
