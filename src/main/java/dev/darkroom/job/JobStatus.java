package dev.darkroom.job;

import java.util.EnumSet;
import java.util.Set;

/**
 * The life of a job. Every status write goes through {@link #canMoveTo}, so an event that arrives late or twice
 * can never move a job backwards or out of a terminal state.
 */
public enum JobStatus {
    PENDING, DISPATCHED, GENERATING, COMPLETED, PARTIAL, FAILED, CANCELED;

    private static final Set<JobStatus> TERMINAL = EnumSet.of(COMPLETED, PARTIAL, FAILED, CANCELED);

    public boolean isTerminal() {
        return TERMINAL.contains(this);
    }

    public boolean canMoveTo(JobStatus next) {
        return switch (this) {
            // A run.started may overtake the dispatcher's own note that the run was accepted.
            case PENDING -> next != PENDING;
            case DISPATCHED -> next != PENDING && next != DISPATCHED;
            case GENERATING -> next.isTerminal();
            case COMPLETED, PARTIAL, FAILED, CANCELED -> false;
        };
    }

    /** Whether a retry may reopen the job: it ended with images not made (or was stopped before making them). */
    public boolean canRetry() {
        return this == PARTIAL || this == FAILED || this == CANCELED;
    }

    /** The terminal status for a job whose images are all done. */
    public static JobStatus finishedWith(int succeeded, int failed) {
        if (failed == 0) {
            return COMPLETED;
        }
        return succeeded == 0 ? FAILED : PARTIAL;
    }

    public String wireName() {
        return name().toLowerCase();
    }
}
