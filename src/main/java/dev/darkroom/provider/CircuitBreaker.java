package dev.darkroom.provider;

import java.time.Duration;

/**
 * Opens after a run of transient failures, so images stop waiting on a provider that is down and go to the next
 * one. When the open time is over calls go through again; the first failure then reopens it at once, the first
 * success closes it.
 */
public final class CircuitBreaker {

    private final int threshold;
    private final long openNanos;
    private int failuresInARow;
    private long openUntil;
    private boolean everOpened;

    public CircuitBreaker(int threshold, Duration openFor) {
        this.threshold = Math.max(1, threshold);
        this.openNanos = openFor.toNanos();
    }

    public synchronized boolean isOpen() {
        return everOpened && openUntil - System.nanoTime() > 0;
    }

    public synchronized void succeeded() {
        failuresInARow = 0;
        everOpened = false;
    }

    /** Returns true when this failure opened the circuit. */
    public synchronized boolean failed() {
        failuresInARow++;
        if (failuresInARow >= threshold && !isOpen()) {
            everOpened = true;
            openUntil = System.nanoTime() + openNanos;
            return true;
        }
        return false;
    }
}
