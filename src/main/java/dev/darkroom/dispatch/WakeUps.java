package dev.darkroom.dispatch;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Turns any number of wake-ups into at most one waiting pass. A burst of creates each asks the dispatcher to look
 * for due runs; one pass finds them all, so a wake-up that comes while a pass is already waiting to start adds
 * nothing, and one that comes while a pass runs queues exactly one more (the running pass may have looked already).
 */
final class WakeUps {

    private final Executor executor;
    private final Runnable pass;
    private final AtomicBoolean waiting = new AtomicBoolean();

    WakeUps(Executor executor, Runnable pass) {
        this.executor = executor;
        this.pass = pass;
    }

    void wake() {
        if (waiting.compareAndSet(false, true)) {
            executor.execute(() -> {
                // Cleared before the pass looks, so that what is committed from now on gets a pass of its own.
                waiting.set(false);
                pass.run();
            });
        }
    }
}
