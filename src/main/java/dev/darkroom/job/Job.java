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

    public Job withStatus(JobStatus next, Instant now) {
        if (!status.canMoveTo(next)) {
            throw new IllegalStateException("job " + id + " cannot move from " + status + " to " + next);
        }
        Instant started = startedAt == null && next == JobStatus.GENERATING ? now : startedAt;
        Instant finished = next.isTerminal() ? now : finishedAt;
        String active = next.isTerminal() ? null : activeCaseId;
        return new Job(id, caseId, active, next, attempt, runId, idempotencyKey, requestHash, failureReason,
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

    /** Recovery takes the job in hand for one timeout period: other recovery nodes see it as active again. */
    public Job withRecovery(Instant now) {
        return new Job(id, caseId, activeCaseId, status, attempt, runId, idempotencyKey, requestHash, failureReason,
                createdAt, startedAt, finishedAt, now, recoveries + 1, lastProgressAt, version);
    }

    /** A terminal job asked to try again: active once more, on a fresh run, its attempts counted anew. */
    public Job reopened(String newRunId, Instant now) {
        return new Job(id, caseId, caseId, JobStatus.PENDING, 1, newRunId, idempotencyKey, requestHash, null,
                createdAt, startedAt, null, now, recoveries, now, version);
    }
}
