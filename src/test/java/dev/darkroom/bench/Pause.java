package dev.darkroom.bench;

import java.time.Duration;

/** The harness waits on the clock between polls of a server; a benchmark is not a test, it may sleep. */
final class Pause {

    private Pause() {
    }

    static void of(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
