package dev.darkroom.provider;

import dev.darkroom.limit.SharedLimits;
import dev.darkroom.limit.SharedSlots;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.micronaut.core.annotation.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One provider's limits for every worker of the cluster, kept in the PostgreSQL they share ({@link SharedLimits}):
 * the same token bucket (one second's worth at once), in-flight slots and pause as {@link LocalRateLimiter}'s, so N
 * workers together send what one would. A call takes, in this order, a slot, then waits out any pause, then takes a
 * token: a few short statements on the calling thread, a worker's provider-call thread.
 *
 * <p>On each worker one caller at a time asks the database (a fair lock); the others wait their turn in memory, so
 * that a hundred waiting images cost one query per poll, not a hundred. Waiting is plain sleeping, which an interrupt
 * (a run's cancel or stop) ends. A token is taken only when there is one, never reserved ahead: a caller interrupted
 * while it waits has cost the others nothing.
 */
final class SharedRateLimiter implements RateLimiter {

    private static final Logger LOG = LoggerFactory.getLogger(SharedRateLimiter.class);

    private final String provider;
    private final int maxInFlight;
    private final @Nullable BucketConfiguration perMinute;
    private final String bucketKey;
    private final Duration maxPause;
    private final SharedLimits shared;
    private final Clock clock;
    private final ReentrantLock turn = new ReentrantLock(true);
    /** Signalled when a call of this worker gives its slot back, so that the next one here need not wait a poll. */
    private final Semaphore freedHere = new Semaphore(0);

    SharedRateLimiter(String provider, int requestsPerMinute, int maxInFlight, Duration maxPause, SharedLimits shared,
                      Clock clock) {
        this.provider = provider;
        this.maxInFlight = maxInFlight;
        this.maxPause = maxPause;
        this.shared = shared;
        this.clock = clock;
        this.perMinute = requestsPerMinute > 0 ? BucketConfiguration.builder().addLimit(limit -> limit
                .capacity(Math.max(1, requestsPerMinute / 60))
                .refillGreedy(requestsPerMinute, Duration.ofMinutes(1))).build() : null;
        // The rate is in the key: a deploy that changes it starts a fresh bucket instead of keeping the old one's.
        this.bucketKey = "provider:" + provider + ":" + requestsPerMinute;
        if (maxInFlight > 0) {
            shared.slots().provide(this.provider, maxInFlight);
        }
    }

    @Override
    public Permit acquire() throws InterruptedException {
        turn.lockInterruptibly();
        try {
            return waitForEverything();
        } catch (RuntimeException e) {
            // The pool refuses a connection to an interrupted thread: that is the stop, not the database failing.
            if (Thread.interrupted()) {
                throw new InterruptedException("stopped while waiting for the limits of " + provider);
            }
            throw e;
        } finally {
            turn.unlock();
        }
    }

    private Permit waitForEverything() throws InterruptedException {
        SharedSlots.Slot slot = maxInFlight > 0 ? awaitSlot() : null;
        try {
            awaitPause();
            if (perMinute != null) {
                awaitToken();
            }
        } catch (InterruptedException | RuntimeException e) {
            giveBack(slot);
            throw e;
        }
        return () -> giveBack(slot);
    }

    /** A permit if one may go out right now, without waiting; nothing is held when there is none. */
    Optional<Permit> tryAcquire() {
        SharedSlots.Slot slot = maxInFlight > 0 ? shared.slots().tryTake(provider, maxInFlight).orElse(null) : null;
        if (maxInFlight > 0 && slot == null) {
            return Optional.empty();
        }
        if (!remainingPause().isZero() || (perMinute != null && !shared.buckets().tryTake(bucketKey, perMinute)
                .isConsumed())) {
            giveBack(slot);
            return Optional.empty();
        }
        return Optional.of(() -> giveBack(slot));
    }

    @Override
    public void pause(Duration wait) {
        Instant until = clock.instant().plus(wait.compareTo(maxPause) < 0 ? wait : maxPause);
        try {
            shared.pauses().extendTo(provider, until);
        } catch (RuntimeException e) {
            // The pause is advice; the call that asked for it fails as it would have, and retries with its backoff.
            LOG.warn("the pause of {} could not be shared: {}", provider, e.getMessage());
        }
    }

    @Override
    public Duration remainingPause() {
        Duration left = Duration.between(clock.instant(), shared.pauses().until(provider));
        return left.isNegative() ? Duration.ZERO : left;
    }

    private SharedSlots.Slot awaitSlot() throws InterruptedException {
        long pollNanos = shared.slotPollInterval().toNanos();
        while (true) {
            freedHere.drainPermits();
            Optional<SharedSlots.Slot> slot = shared.slots().tryTake(provider, maxInFlight);
            if (slot.isPresent()) {
                return slot.get();
            }
            freedHere.tryAcquire(pollNanos, TimeUnit.NANOSECONDS);
        }
    }

    /** Sleeps out the pause, and again only if another caller (on any worker) lengthened it meanwhile. */
    private void awaitPause() throws InterruptedException {
        for (Duration left = remainingPause(); !left.isZero(); left = remainingPause()) {
            TimeUnit.NANOSECONDS.sleep(left.toNanos());
        }
    }

    private void awaitToken() throws InterruptedException {
        for (ConsumptionProbe probe = shared.buckets().tryTake(bucketKey, perMinute); !probe.isConsumed();
             probe = shared.buckets().tryTake(bucketKey, perMinute)) {
            TimeUnit.NANOSECONDS.sleep(Math.max(1, probe.getNanosToWaitForRefill()));
        }
    }

    /**
     * Gives the slot back even from an interrupted thread (a canceled call): the interrupt is set aside for the one
     * statement, so that the pool hands out a connection, and put back after.
     */
    private void giveBack(@Nullable SharedSlots.Slot slot) {
        if (slot == null) {
            return;
        }
        boolean interrupted = Thread.interrupted();
        try {
            slot.close();
        } catch (RuntimeException e) {
            LOG.warn("a slot of {} could not be given back; it comes back when its lease runs out: {}", provider,
                    e.getMessage());
        } finally {
            freedHere.release();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
