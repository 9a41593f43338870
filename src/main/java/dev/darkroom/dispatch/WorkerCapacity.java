package dev.darkroom.dispatch;

import dev.darkroom.job.outbox.DispatchProperties;
import dev.darkroom.run.WorkerSlots;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How many runs this node's dispatcher may send now. A worker in this very process is asked directly how many
 * runs it has room for, so nothing is sent that it would refuse; a worker elsewhere is known only by its busy
 * answers, after which sending stops for the Retry-After it gave (or {@code darkroom.dispatch.busy-pause}) or
 * until a run on this node's worker ends. Only hints: what waits is in the database, due, in the order it came.
 */
@Singleton
public class WorkerCapacity {

    private final DispatchProperties properties;
    private final Clock clock;
    @Nullable
    private final WorkerSlots localWorker;
    private volatile Instant pausedUntil = Instant.EPOCH;

    public WorkerCapacity(DispatchProperties properties, Clock clock, Optional<WorkerSlots> registry) {
        this.properties = properties;
        this.clock = clock;
        boolean sendsToThisProcess = properties.workerUrl() == null || properties.workerUrl().isBlank();
        this.localWorker = sendsToThisProcess ? registry.orElse(null) : null;
    }

    /** Runs that may be sent now, at most {@code limit}. */
    public int room(int limit) {
        if (clock.instant().isBefore(pausedUntil)) {
            return 0;
        }
        if (localWorker != null) {
            return (int) Math.max(0, Math.min(limit, localWorker.freeSlots()));
        }
        return limit;
    }

    /** A worker said it is full: send nothing for the wait it asked for, within bounds. Returns that wait. */
    public Duration busy(@Nullable Duration retryAfter) {
        Duration wait = retryAfter == null ? properties.busyPause() : retryAfter;
        if (wait.compareTo(properties.maxBusyPause()) > 0) {
            wait = properties.maxBusyPause();
        }
        pausedUntil = clock.instant().plus(wait);
        return wait;
    }

    /** A run on this node's worker ended: a slot is free, so the pause is over. */
    public void runEnded() {
        pausedUntil = Instant.EPOCH;
    }
}
