package dev.darkroom.job.outbox;

import dev.darkroom.StorableText;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Version;

import java.time.Instant;

/** A run of a job that must reach a worker. Written in the transaction that creates the job or a new attempt. */
@MappedEntity("dispatches")
public record Dispatch(
        @Id String id,
        String jobId,
        String runId,
        DispatchStatus status,
        Instant dueAt,
        int tries,
        @Nullable String lastError,
        Instant createdAt,
        @Nullable String workerUrl,
        @Version Long version) {

    /** A send's error quotes the worker or the network, of any length: cut to its column, cleaned to be stored. */
    public Dispatch {
        lastError = StorableText.clean(StorableText.fit(lastError, 500));
    }

    /** Every write of a dispatch's status, checked against {@link DispatchStatus}'s table. */
    private DispatchStatus movedTo(DispatchStatus next) {
        if (!status.canMoveTo(next)) {
            throw new IllegalStateException("dispatch " + id + " cannot move from " + status + " to " + next);
        }
        return next;
    }

    public static Dispatch due(String id, String jobId, String runId, Instant now) {
        return new Dispatch(id, jobId, runId, DispatchStatus.DUE, now, 0, null, now, null, 0L);
    }

    /**
     * Leases the dispatch to this sender until {@code leaseEnd}: if the sender dies, it becomes due again then. A
     * claim is not a try: only a send that fails counts, so a busy worker never uses up the budget.
     */
    public Dispatch claimed(Instant leaseEnd) {
        return new Dispatch(id, jobId, runId, movedTo(DispatchStatus.DUE), leaseEnd, tries, lastError, createdAt,
                workerUrl, version);
    }

    /** A send failed (the worker unreachable or erring): one try used, the next one at {@code when}. */
    public Dispatch failedTry(Instant when, String error) {
        return new Dispatch(id, jobId, runId, movedTo(DispatchStatus.DUE), when, tries + 1, error, createdAt, workerUrl,
                version);
    }

    /**
     * Not sent because the worker is full: due again at once, no try used. The dispatcher's pause decides when it
     * goes out; its place in the queue is its age, so it loses nothing by waiting.
     */
    public Dispatch heldBack(Instant now, @Nullable String note) {
        return new Dispatch(id, jobId, runId, movedTo(DispatchStatus.DUE), now, tries, note, createdAt, workerUrl,
                version);
    }

    public Dispatch ended(DispatchStatus end, @Nullable String note) {
        return new Dispatch(id, jobId, runId, movedTo(end), dueAt, tries, note, createdAt, workerUrl, version);
    }

    /** Sent: a worker took the run, and said where it can be reached again, if it did. */
    public Dispatch sentTo(@Nullable String worker) {
        return new Dispatch(id, jobId, runId, movedTo(DispatchStatus.SENT), dueAt, tries, null, createdAt, worker,
                version);
    }
}
