package dev.darkroom.limit;

import io.github.bucket4j.TimeMeter;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/** bucket4j's time, taken from the service's clock, so that a test can move it and every node counts alike. */
public record ClockTimeMeter(Clock clock) implements TimeMeter {

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
