package dev.darkroom.job;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The life of a job, as one table of allowed moves. Each move is of one of two kinds: a run's progress (what the
 * dispatcher, a worker's events, recovery and a cancel report) only ever moves a job forward, so an event that
 * arrives late or twice cannot move it backwards or out of a terminal state; a retry is the one move out of a
 * terminal state, and only the retry action asks for it. Every write of a job's status is checked against this
 * table ({@link Job#advancedTo}, {@link Job#reopened}).
 */
public enum JobStatus {
    PENDING, DISPATCHED, GENERATING, COMPLETED, PARTIAL, FAILED, CANCELED;

    /** What asks for a move. */
    public enum Move {
        /** The run's progress, or a cancel: forward only. */
        ADVANCE,
        /** The retry action: a job that ended with images not made is opened again. */
        RETRY
    }

    private static final Map<JobStatus, Map<JobStatus, Move>> ALLOWED = new EnumMap<>(JobStatus.class);

    static {
        for (JobStatus status : values()) {
            ALLOWED.put(status, new EnumMap<>(JobStatus.class));
        }
        // A run.started may overtake the dispatcher's own note that the run was accepted; a live job may end
        // however its images came out, or be canceled, from any live state.
        advance(PENDING, DISPATCHED, GENERATING, COMPLETED, PARTIAL, FAILED, CANCELED);
        advance(DISPATCHED, GENERATING, COMPLETED, PARTIAL, FAILED, CANCELED);
        advance(GENERATING, COMPLETED, PARTIAL, FAILED, CANCELED);
        // A job that ended with images not made (or was stopped before making them) may try them again; a completed
        // one has nothing left to make.
        retry(PARTIAL, PENDING);
        retry(FAILED, PENDING);
        retry(CANCELED, PENDING);
    }

    private static final Set<JobStatus> TERMINAL = Collections.unmodifiableSet(terminalStates());

    private static void advance(JobStatus from, JobStatus... to) {
        for (JobStatus next : to) {
            ALLOWED.get(from).put(next, Move.ADVANCE);
        }
    }

    private static void retry(JobStatus from, JobStatus to) {
        ALLOWED.get(from).put(to, Move.RETRY);
    }

    /** Terminal: nothing a run reports can move the job on. */
    private static Set<JobStatus> terminalStates() {
        Set<JobStatus> terminal = EnumSet.noneOf(JobStatus.class);
        for (JobStatus status : values()) {
            if (!ALLOWED.get(status).containsValue(Move.ADVANCE)) {
                terminal.add(status);
            }
        }
        return terminal;
    }

    /** The states a job ends in. */
    public static Set<JobStatus> terminal() {
        return TERMINAL;
    }

    public boolean isTerminal() {
        return TERMINAL.contains(this);
    }

    /** Whether the table holds the move from this state to {@code next}, of whichever kind. */
    public boolean canMoveTo(JobStatus next) {
        return ALLOWED.get(this).containsKey(next);
    }

    /** Whether {@code move} may take a job from this state to {@code next}. */
    public boolean allows(Move move, JobStatus next) {
        return ALLOWED.get(this).get(next) == move;
    }

    /** Whether the run's progress (or a cancel) may take the job to {@code next}: never back, never out of an end. */
    public boolean canAdvanceTo(JobStatus next) {
        return allows(Move.ADVANCE, next);
    }

    /** Whether a retry may reopen the job. */
    public boolean canRetry() {
        return ALLOWED.get(this).containsValue(Move.RETRY);
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
