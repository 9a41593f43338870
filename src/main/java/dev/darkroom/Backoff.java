package dev.darkroom;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter, shared by every retry loop in Darkroom. The jitter keeps many senders that
 * failed together (a worker or receiver coming back) from retrying in lock-step.
 */
public final class Backoff {

    private Backoff() {
    }

    /** The wait before retry {@code attempt} (1 = first): initial × 2^(attempt-1), capped; half of it is random. */
    public static Duration before(int attempt, Duration initial, Duration max) {
        long base = initial.toMillis() << Math.min(Math.max(attempt - 1, 0), 20);
        long capped = Math.min(base, max.toMillis());
        return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
    }

    /**
     * Waits on the calling thread; false when interrupted (a cancel or a shutdown), with the interrupt kept. A plain
     * sleep is right here: the callers are the worker's and the webhook sender's own pooled threads, never an event
     * loop, and a retry has nothing else to do until its wait is over.
     */
    public static boolean pause(Duration wait) {
        try {
            // A negative wait (a clock-skewed or garbled Retry-After) is no wait, not an error.
            Thread.sleep(Math.max(0, wait.toMillis()));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
