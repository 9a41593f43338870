package dev.darkroom.run;

import io.micronaut.core.annotation.Nullable;

import java.time.Duration;
import java.util.Optional;

/**
 * How the other roles reach a worker: offer it a run, ask what it holds of one, fetch an image it still keeps, stop
 * a run. The dispatcher offers runs; recovery asks after quiet ones; a cancel stops one. {@code worker} is the
 * address the accepting worker gave for itself, or null for the configured worker URL.
 */
public interface Workers {

    /** Accepted, or busy; a worker that cannot be reached or errs throws {@link Unavailable}. */
    Submission submit(RunRequest run);

    /** What the worker holds of a run; empty when it has never heard of it (the run died with its worker). */
    Optional<RunReport> fetchRun(@Nullable String worker, String runId);

    /** The bytes of an image the worker still holds. */
    Optional<byte[]> fetchImage(@Nullable String worker, String runId, String imageId);

    /** Asks the worker to stop a run; a worker that is gone or never had it is fine too. */
    void cancel(@Nullable String worker, String runId);

    /** What came of offering a run to a worker that answered. */
    sealed interface Submission {
        /** The worker took the run; {@code worker} is the address it gave for itself, when it gave one. */
        record Accepted(@Nullable String worker) implements Submission {
        }

        /** The worker is up and full (429 or 503); {@code retryAfter} is the wait it asked for, if any. */
        record Busy(int status, @Nullable Duration retryAfter) implements Submission {
        }
    }

    /** The worker could not be reached, or answered with an error: the message says which. */
    class Unavailable extends RuntimeException {
        public Unavailable(String message, @Nullable Throwable cause) {
            super(message, cause);
        }
    }
}
