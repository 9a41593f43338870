package dev.darkroom.job;

import dev.darkroom.StorableText;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Version;

import java.time.Instant;

/** One request for a case's images. {@code runId} names the current attempt; events of older runs cannot finish it. */
@MappedEntity("jobs")
public record Job(
        @Id String id,
        String caseId,
        @Nullable String activeCaseId,
        JobStatus status,
        int attempt,
        String runId,
        @Nullable String idempotencyKey,
        String requestHash,
        @Nullable String failureReason,
        Instant createdAt,
        @Nullable Instant startedAt,
        @Nullable Instant finishedAt,
        Instant lastActivityAt,
        int recoveries,
        Instant lastProgressAt,
        @Version Long version) {

    /** A reason carries what a worker or a provider said, of any length: cut to its column, cleaned to be stored. */
    public Job {
        failureReason = StorableText.clean(StorableText.fit(failureReason, 500));
    }

    /** The run's progress (or a cancel) moves the job on: refused unless the table allows it, so never backwards. */
    public Job advancedTo(JobStatus next, Instant now) {
        return moved(JobStatus.Move.ADVANCE, next, attempt, runId, failureReason, now);
    }

    /** A terminal job asked to try again: active once more, on a fresh run, its attempts counted anew. */
    public Job reopened(String newRunId, Instant now) {
        return moved(JobStatus.Move.RETRY, JobStatus.PENDING, 1, newRunId, null, now);
    }

    /** The one write of a job's status, checked against {@link JobStatus}'s table. */
    private Job moved(JobStatus.Move move, JobStatus next, int nextAttempt, String nextRunId,
                      @Nullable String reason, Instant now) {
        if (!status.allows(move, next)) {
            throw new IllegalStateException("job " + id + " cannot " + move.name().toLowerCase() + " from "
                    + status + " to " + next);
        }
        Instant started = startedAt == null && next == JobStatus.GENERATING ? now : startedAt;
        Instant finished = next.isTerminal() ? now : null;
        // Only a live job holds its case: a terminal one lets go, and one that leaves its end takes it again.
        String active = next.isTerminal() ? null : status.isTerminal() ? caseId : activeCaseId;
        return new Job(id, caseId, active, next, nextAttempt, nextRunId, idempotencyKey, requestHash, reason,
                createdAt, started, finished, now, recoveries, now, version);
    }

    /** Signs of life (a heartbeat, a look by recovery) that are not progress. */
    public Job withActivity(Instant now) {
        return new Job(id, caseId, activeCaseId, status, attempt, runId, idempotencyKey, requestHash, failureReason,
                createdAt, startedAt, finishedAt, now, recoveries, lastProgressAt, version);
    }

    /** Real progress of the run: an image outcome. Heartbeats do not count, so a run stuck while alive is found. */
    public Job withProgress(Instant now) {
        return new Job(id, caseId, activeCaseId, status, attempt, runId, idempotencyKey, requestHash, failureReason,
                createdAt, startedAt, finishedAt, now, recoveries, now, version);
    }

    public Job withNewAttempt(String newRunId, Instant now) {
        return new Job(id, caseId, activeCaseId, status, attempt + 1, newRunId, idempotencyKey, requestHash,
                failureReason, createdAt, startedAt, finishedAt, now, recoveries, now, version);
    }

    public Job withFailureReason(String reason) {
        return new Job(id, caseId, activeCaseId, status, attempt, runId, idempotencyKey, requestHash, reason,
                createdAt, startedAt, finishedAt, lastActivityAt, recoveries, lastProgressAt, version);
    }
}
