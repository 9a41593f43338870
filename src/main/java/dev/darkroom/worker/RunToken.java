package dev.darkroom.worker;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one stop signal of a run. A cancel, a shutdown and an interrupt all end up here, so the code that makes
 * images asks one question ({@link #stopped()}) wherever it may have to give up. A drain is gentler: no image
 * starts any more, but those already in flight are let finish.
 */
public final class RunToken {

    private final Set<Thread> working = ConcurrentHashMap.newKeySet();
    private volatile boolean draining;
    private volatile boolean stopped;

    /** Whether the run may start another image. */
    boolean mayStartImage() {
        return !draining && !stopped();
    }

    /** Whether whatever the calling thread does for the run should give up now. */
    boolean stopped() {
        return stopped || Thread.currentThread().isInterrupted();
    }

    /** Threads making an image of the run right now. */
    int imagesInFlight() {
        return working.size();
    }

    /** No image starts any more; those in flight go on. */
    void drain() {
        draining = true;
    }

    /** Stops the run: every thread working for it is interrupted, so waits on providers and backoffs end now. */
    synchronized void stop() {
        stopped = true;
        working.forEach(Thread::interrupt);
    }

    /** Marks the calling thread as working for the run, so that a stop reaches it. */
    void enter() {
        working.add(Thread.currentThread());
        if (stopped) {
            Thread.currentThread().interrupt();
        }
    }

    /** The calling thread is done with the run; a stop's interrupt must not follow it to its next task. */
    void leave() {
        synchronized (this) {
            // Under the lock a stop takes to interrupt: once out of the set, no interrupt of this run can land.
            working.remove(Thread.currentThread());
        }
        Thread.interrupted();
    }
}
