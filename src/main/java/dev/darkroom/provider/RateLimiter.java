package dev.darkroom.provider;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * One provider's limits on one worker, shared by all its runs: a token bucket for requests per minute (holding
 * one second's worth, so a burst is smoothed rather than sent at once), a semaphore for requests in flight, and a
 * pause that a provider's 429 imposes on every caller, not only the one that got it.
 */
public final class RateLimiter {

    private static final long NANOS_PER_MINUTE = TimeUnit.MINUTES.toNanos(1);

    private final double tokensPerNano;
    private final double capacity;
    private final Semaphore inFlight;
    private double tokens;
    private long refilledAt;
    private long pausedUntil;
    private final Duration maxPause;

    /** @param maxPause longest a provider may hold every caller back: a provider asking for an hour gets this */
    public RateLimiter(int requestsPerMinute, int maxInFlight, Duration maxPause) {
        this.maxPause = maxPause;
        this.tokensPerNano = requestsPerMinute > 0 ? (double) requestsPerMinute / NANOS_PER_MINUTE : 0;
        this.capacity = Math.max(1, requestsPerMinute / 60);
        this.tokens = capacity;
        this.refilledAt = System.nanoTime();
        this.pausedUntil = refilledAt;
        this.inFlight = maxInFlight > 0 ? new Semaphore(maxInFlight, true) : null;
    }

    /** A call's right to go out; closing it frees its in-flight slot. */
    public interface Permit extends AutoCloseable {
        @Override
        void close();
    }

    /** Blocks until a request may go out. */
    public Permit acquire() throws InterruptedException {
        if (inFlight != null) {
            inFlight.acquire();
        }
        try {
            takeToken();
        } catch (InterruptedException | RuntimeException e) {
            release();
            throw e;
        }
        return this::release;
    }

    /** Holds every caller back for this long, from now: the provider said it is overloaded. */
    public synchronized void pause(Duration wait) {
        long until = System.nanoTime() + Math.min(wait.toNanos(), maxPause.toNanos());
        if (until - pausedUntil > 0) {
            pausedUntil = until;
        }
    }

    /** How long callers are still held back by a pause. */
    synchronized Duration remainingPause() {
        return Duration.ofNanos(Math.max(0, pausedUntil - System.nanoTime()));
    }

    private void takeToken() throws InterruptedException {
        while (true) {
            long waitNanos;
            synchronized (this) {
                long now = System.nanoTime();
                if (pausedUntil - now > 0) {
                    waitNanos = pausedUntil - now;
                } else if (tokensPerNano == 0) {
                    return;
                } else {
                    tokens = Math.min(capacity, tokens + (now - refilledAt) * tokensPerNano);
                    refilledAt = now;
                    if (tokens >= 1) {
                        tokens -= 1;
                        return;
                    }
                    waitNanos = (long) Math.ceil((1 - tokens) / tokensPerNano);
                }
            }
            TimeUnit.NANOSECONDS.sleep(Math.max(waitNanos, TimeUnit.MILLISECONDS.toNanos(1)));
        }
    }

    private void release() {
        if (inFlight != null) {
            inFlight.release();
        }
    }
}
