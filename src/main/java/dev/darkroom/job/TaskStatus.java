package dev.darkroom.job;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The life of one image of a job, as one table of allowed moves, each named after what takes it. The bulk updates
 * of {@link ImageTaskRepository} take their source states from here ({@link #from}), so SQL and the table cannot
 * disagree; single writes are checked by {@link ImageTask}.
 */
public enum TaskStatus {
    PENDING, GENERATING, SUCCEEDED, FAILED;

    /** Why an image changes state. */
    public enum Move {
        /** A worker accepted the run the image is in. */
        START,
        /** A new attempt takes back the image from the run given up. */
        REOPEN,
        /** The job is retried: a failed image is made again. */
        RETRY,
        /** Its bytes arrived. Any run may deliver them, an older attempt's as well, even after it said it failed. */
        SUCCEED,
        /** Its run said why not, or the job was canceled or gave up on it. */
        FAIL
    }

    private static final Map<TaskStatus, Map<TaskStatus, Move>> ALLOWED = new EnumMap<>(TaskStatus.class);

    static {
        for (TaskStatus status : values()) {
            ALLOWED.put(status, new EnumMap<>(TaskStatus.class));
        }
        allow(PENDING, Move.START, GENERATING);
        allow(PENDING, Move.SUCCEED, SUCCEEDED);
        allow(PENDING, Move.FAIL, FAILED);
        allow(GENERATING, Move.REOPEN, PENDING);
        allow(GENERATING, Move.SUCCEED, SUCCEEDED);
        allow(GENERATING, Move.FAIL, FAILED);
        allow(FAILED, Move.RETRY, PENDING);
        allow(FAILED, Move.SUCCEED, SUCCEEDED);
    }

    private static final Set<TaskStatus> DONE = Collections.unmodifiableSet(EnumSet.of(SUCCEEDED, FAILED));

    private static final Set<TaskStatus> OPEN = Collections.unmodifiableSet(EnumSet.complementOf(EnumSet.copyOf(DONE)));

    private static void allow(TaskStatus from, Move move, TaskStatus to) {
        ALLOWED.get(from).put(to, move);
    }

    /** Whether the table holds a move from this state to {@code next}. */
    public boolean canMoveTo(TaskStatus next) {
        return ALLOWED.get(this).containsKey(next);
    }

    /** Whether {@code move} may take an image in this state on, wherever it leads. */
    public boolean allows(Move move) {
        return ALLOWED.get(this).containsValue(move);
    }

    /** The states {@code move} may start from: the {@code status IN (...)} of its bulk update. */
    public static Set<TaskStatus> from(Move move) {
        Set<TaskStatus> sources = EnumSet.noneOf(TaskStatus.class);
        for (TaskStatus status : values()) {
            if (status.allows(move)) {
                sources.add(status);
            }
        }
        return sources;
    }

    /** The state {@code move} leads to. */
    public static TaskStatus to(Move move) {
        for (TaskStatus status : values()) {
            for (Map.Entry<TaskStatus, Move> edge : ALLOWED.get(status).entrySet()) {
                if (edge.getValue() == move) {
                    return edge.getKey();
                }
            }
        }
        throw new IllegalStateException("no edge for " + move);
    }

    /** Done: the image was made, or this attempt will not make it. */
    public boolean isDone() {
        return DONE.contains(this);
    }

    /** The states of images still to be made. */
    public static Set<TaskStatus> open() {
        return OPEN;
    }

    public String wireName() {
        return name().toLowerCase();
    }
}
