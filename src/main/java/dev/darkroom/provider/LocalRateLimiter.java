package dev.darkroom.provider;

import io.github.bucket4j.Bucket;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * One provider's limits on one worker (the service on H2), shared by all its runs: a token bucket (bucket4j) for
 * requests per minute, holding one second's worth, so a burst is smoothed rather than sent at once; a semaphore for
 * requests in flight; and a pause that a provider's 429 imposes on every caller, not only the one that got it. Every
 * wait is a plain blocking one that an interrupt (a run's cancel or stop) ends.
 */
final class LocalRateLimiter implements RateLimiter {

    private final Bucket bucket;
    private final Semaphore inFlight;
    private final Duration maxPause;
    private long pausedUntil = System.nanoTime();

    /** @param maxPause longest a provider may hold every caller back: a provider asking for an hour gets this */
    LocalRateLimiter(int requestsPerMinute, int maxInFlight, Duration maxPause) {
        this.maxPause = maxPause;
        this.bucket = requestsPerMinute > 0 ? Bucket.builder().addLimit(limit -> limit
                .capacity(Math.max(1, requestsPerMinute / 60))
                .refillGreedy(requestsPerMinute, Duration.ofMinutes(1))).build() : null;
        this.inFlight = maxInFlight > 0 ? new Semaphore(maxInFlight, true) : null;
    }

    @Override
    public Permit acquire() throws InterruptedException {
        if (inFlight != null) {
            inFlight.acquire();
        }
        try {
            awaitPause();
            if (bucket != null) {
                bucket.asBlocking().consume(1);
            }
        } catch (InterruptedException | RuntimeException e) {
            release();
            throw e;
        }
        return this::release;
    }

    @Override
    public synchronized void pause(Duration wait) {
        long until = System.nanoTime() + Math.min(wait.toNanos(), maxPause.toNanos());
        if (until - pausedUntil > 0) {
            pausedUntil = until;
        }
    }

    @Override
    public synchronized Duration remainingPause() {
        return Duration.ofNanos(Math.max(0, pausedUntil - System.nanoTime()));
    }

    /**
     * A plain sleep, and the loop wakes again only if the pause was lengthened meanwhile: the caller is a worker's own
     * provider-call thread with nothing to do until the provider may be asked again, and a cancel interrupts it.
     */
    private void awaitPause() throws InterruptedException {
        for (Duration left = remainingPause(); !left.isZero(); left = remainingPause()) {
            TimeUnit.NANOSECONDS.sleep(left.toNanos());
        }
    }

    private void release() {
        if (inFlight != null) {
            inFlight.release();
        }
    }
}
