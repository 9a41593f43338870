package dev.darkroom.job;

import dev.darkroom.job.outbox.Dispatch;
import dev.darkroom.job.outbox.DispatchRepository;
import dev.darkroom.job.outbox.DispatchStatus;
import dev.darkroom.run.ImageKind;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * The bulk status updates and the status filters of the queries, on rows in every state: each moves or finds
 * exactly the states the machines name, nothing more. The same tests run on H2 and on PostgreSQL, because the
 * status lists reach SQL as collection parameters, which each driver must expand.
 */
abstract class StatusQueriesContract {

    static final Map<String, String> NO_BACKGROUND_WORK = Map.of(
            "darkroom.roles.initiator", "false",
            "darkroom.roles.recovery", "false");

    @Inject
    JobRepository jobs;

    @Inject
    ImageTaskRepository tasks;

    @Inject
    DispatchRepository dispatches;

    final Instant now = Instant.now();

    @Test
    void startingARunMarksOnlyItsPendingImagesGeneratingUnderIt() {
        Job job = job(JobStatus.DISPATCHED, null);
        Map<TaskStatus, ImageTask> before = oneImageInEachState(job);

        tasks.markGenerating(job.id(), "run-next");

        assertThat(statuses(before)).containsExactly(entry(TaskStatus.PENDING, TaskStatus.GENERATING),
                entry(TaskStatus.GENERATING, TaskStatus.GENERATING), entry(TaskStatus.SUCCEEDED, TaskStatus.SUCCEEDED),
                entry(TaskStatus.FAILED, TaskStatus.FAILED));
        assertThat(reload(before.get(TaskStatus.PENDING)).runId()).isEqualTo("run-next");
        assertThat(reload(before.get(TaskStatus.GENERATING)).runId()).isEqualTo("run-old");
    }

    @Test
    void aNewAttemptReopensOnlyTheImagesThatWereGenerating() {
        Job job = job(JobStatus.GENERATING, null);
        Map<TaskStatus, ImageTask> before = oneImageInEachState(job);

        tasks.reopenGenerating(job.id());

        assertThat(statuses(before)).containsExactly(entry(TaskStatus.PENDING, TaskStatus.PENDING),
                entry(TaskStatus.GENERATING, TaskStatus.PENDING), entry(TaskStatus.SUCCEEDED, TaskStatus.SUCCEEDED),
                entry(TaskStatus.FAILED, TaskStatus.FAILED));
    }

    @Test
    void aRetryReopensOnlyTheFailedImagesAndForgetsWhyTheyFailed() {
        Job job = job(JobStatus.PARTIAL, now);
        Map<TaskStatus, ImageTask> before = oneImageInEachState(job);

        int reopened = tasks.reopenFailed(job.id());

        assertThat(reopened).isEqualTo(1);
        assertThat(statuses(before)).containsExactly(entry(TaskStatus.PENDING, TaskStatus.PENDING),
                entry(TaskStatus.GENERATING, TaskStatus.GENERATING), entry(TaskStatus.SUCCEEDED, TaskStatus.SUCCEEDED),
                entry(TaskStatus.FAILED, TaskStatus.PENDING));
        ImageTask retried = reload(before.get(TaskStatus.FAILED));
        assertThat(retried.errorCode()).isNull();
        assertThat(retried.errorMessage()).isNull();
        assertThat(retried.finishedAt()).isNull();
    }

    @Test
    void givingUpFailsOnlyTheOpenImagesAndLeavesEarlierFailuresTheirReason() {
        Job job = job(JobStatus.GENERATING, null);
        Map<TaskStatus, ImageTask> before = oneImageInEachState(job);

        tasks.failOpen(job.id(), "canceled", "the job was canceled", now);

        assertThat(statuses(before)).containsExactly(entry(TaskStatus.PENDING, TaskStatus.FAILED),
                entry(TaskStatus.GENERATING, TaskStatus.FAILED), entry(TaskStatus.SUCCEEDED, TaskStatus.SUCCEEDED),
                entry(TaskStatus.FAILED, TaskStatus.FAILED));
        assertThat(reload(before.get(TaskStatus.GENERATING)).errorCode()).isEqualTo("canceled");
        assertThat(reload(before.get(TaskStatus.FAILED)).errorCode()).isEqualTo("provider_error");
    }

    @Test
    void theCountsTellOpenSucceededAndFailedImagesApart() {
        Job job = job(JobStatus.GENERATING, null);
        oneImageInEachState(job);

        TaskCounts counts = tasks.counts(job.id());

        assertThat(counts.openCount()).isEqualTo(2);
        assertThat(counts.succeededCount()).isEqualTo(1);
        assertThat(counts.failedCount()).isEqualTo(1);
    }

    @Test
    void retentionDeletesOnlyTerminalJobs() {
        Instant longAgo = now.minus(Duration.ofDays(30));
        Map<JobStatus, Job> finished = new EnumMap<>(JobStatus.class);
        for (JobStatus status : JobStatus.values()) {
            // Every row with a finish in the past, live ones too, so that only the status can tell them apart.
            finished.put(status, jobs.save(fixture(status, longAgo, longAgo)));
        }

        jobs.deleteFinishedBefore(now.minus(Duration.ofDays(7)));

        for (JobStatus status : JobStatus.values()) {
            assertThat(jobs.findById(finished.get(status).id())).as(status.name()).matches(
                    row -> row.isPresent() != status.isTerminal());
        }
    }

    @Test
    void onlyDueDispatchesAreLockedForTheirJob() {
        Job job = job(JobStatus.PENDING, null);
        Instant later = now.plus(Duration.ofHours(1));
        Dispatch due = dispatches.save(Dispatch.due(UUID.randomUUID().toString(), job.id(), job.runId(), later));
        for (DispatchStatus end : List.of(DispatchStatus.SENT, DispatchStatus.DONE, DispatchStatus.ABANDONED)) {
            Dispatch other = dispatches.save(Dispatch.due(UUID.randomUUID().toString(), job.id(), job.runId(), later));
            dispatches.update(other.ended(end, null));
        }

        assertThat(dispatches.lockDueOfJob(job.id())).extracting(Dispatch::id).containsExactly(due.id());
    }

    private Job job(JobStatus status, Instant finishedAt) {
        return jobs.save(fixture(status, finishedAt, now));
    }

    private Job fixture(JobStatus status, Instant finishedAt, Instant lastSeen) {
        String caseId = "case-states-" + UUID.randomUUID();
        return new Job(UUID.randomUUID().toString(), caseId, status.isTerminal() ? null : caseId, status, 1,
                UUID.randomUUID().toString(), null, "h", null, lastSeen, lastSeen, finishedAt, lastSeen, 0, lastSeen,
                0L);
    }

    private Map<TaskStatus, ImageTask> oneImageInEachState(Job job) {
        Map<TaskStatus, ImageTask> saved = new EnumMap<>(TaskStatus.class);
        for (TaskStatus status : TaskStatus.values()) {
            boolean failed = status == TaskStatus.FAILED;
            saved.put(status, tasks.save(new ImageTask(UUID.randomUUID().toString(), job.id(), "ev-" + status,
                    status.ordinal(), ImageKind.EVIDENCE, "Key", "", status,
                    status == TaskStatus.PENDING ? null : "run-old", failed ? "provider_error" : null,
                    failed ? "the provider erred" : null, null, null, null, null, null,
                    status.isDone() ? now : null, null, null, 0L)));
        }
        return saved;
    }

    /** Each image's state before the update, mapped to its state after it. */
    private Map<TaskStatus, TaskStatus> statuses(Map<TaskStatus, ImageTask> before) {
        Map<TaskStatus, TaskStatus> after = new EnumMap<>(TaskStatus.class);
        before.forEach((was, task) -> after.put(was, reload(task).status()));
        return after;
    }

    private ImageTask reload(ImageTask task) {
        return tasks.findById(task.id()).orElseThrow();
    }
}
