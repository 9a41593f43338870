package dev.darkroom.job.outbox;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The life of a dispatch, as one table of allowed moves. DUE: waiting to be sent (or leased by a sender); SENT: a
 * worker accepted the run; DONE: nothing was left to send; ABANDONED: it will not be sent (canceled, superseded,
 * or out of tries). Only a due dispatch moves; a lease, a failed try or a hold-back keep it due.
 */
public enum DispatchStatus {
    DUE, SENT, DONE, ABANDONED;

    private static final Map<DispatchStatus, Set<DispatchStatus>> ALLOWED = Map.of(
            DUE, EnumSet.of(DUE, SENT, DONE, ABANDONED),
            SENT, EnumSet.noneOf(DispatchStatus.class),
            DONE, EnumSet.noneOf(DispatchStatus.class),
            ABANDONED, EnumSet.noneOf(DispatchStatus.class));

    public boolean canMoveTo(DispatchStatus next) {
        return ALLOWED.get(this).contains(next);
    }
}
