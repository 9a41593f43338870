package dev.darkroom;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;

/**
 * One clock for the whole service, ticking in microseconds: the precision both H2 and PostgreSQL store, so a
 * time read back from the database equals the one that was written.
 */
@Factory
class ClockFactory {
    @Singleton
    Clock clock() {
        return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
    }
}
