package dev.darkroom.provider;

import java.time.Duration;

/**
 * One provider's limits as a worker's calls meet them: requests per minute, requests in flight, and the pause a
 * provider's 429 imposes on every caller. {@link RateLimits} makes the one of each provider: on H2 it holds for this
 * worker ({@link LocalRateLimiter}), on PostgreSQL for every worker of the cluster ({@link SharedRateLimiter}).
 */
public interface RateLimiter {

    /** A call's right to go out; closing it frees its in-flight slot. */
    interface Permit extends AutoCloseable {
        @Override
        void close();
    }

    /** Blocks until a request may go out; an interrupt (a run's cancel or stop) ends the wait. */
    Permit acquire() throws InterruptedException;

    /** Holds every caller back for this long, from now (capped): the provider said it is overloaded. */
    void pause(Duration wait);

    /** How long callers are still held back by a pause. */
    Duration remainingPause();
}
