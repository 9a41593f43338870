package dev.darkroom.dispatch;

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

    public static Dispatch due(String id, String jobId, String runId, Instant now) {
        return new Dispatch(id, jobId, runId, DispatchStatus.DUE, now, 0, null, now, null, 0L);
    }

    /** Leases the dispatch to this sender until {@code leaseEnd}: if the sender dies, it becomes due again then. */
    public Dispatch claimed(Instant leaseEnd) {
        return new Dispatch(id, jobId, runId, status, leaseEnd, tries + 1, lastError, createdAt, workerUrl, version);
    }

    public Dispatch retryAt(Instant when, String error) {
        return new Dispatch(id, jobId, runId, DispatchStatus.DUE, when, tries, error, createdAt, workerUrl, version);
    }

    public Dispatch ended(DispatchStatus end, @Nullable String note) {
        return new Dispatch(id, jobId, runId, end, dueAt, tries, note, createdAt, workerUrl, version);
    }

    /** Sent: a worker took the run, and said where it can be reached again, if it did. */
    public Dispatch sentTo(@Nullable String worker) {
        return new Dispatch(id, jobId, runId, DispatchStatus.SENT, dueAt, tries, null, createdAt, worker, version);
    }
}
