package dev.darkroom.job;

import dev.darkroom.StorableText;
import dev.darkroom.job.callback.CallbackOutbox;
import dev.darkroom.job.outbox.DispatchPlanner;
import dev.darkroom.job.outbox.DispatchProperties;
import dev.darkroom.metrics.JobMetrics;
import dev.darkroom.observe.JobContext;
import dev.darkroom.run.ImageOutcome;
import io.micronaut.core.propagation.PropagatedContext;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Applies what a run reports to a job. Every method runs inside the caller's transaction, on a job row the
 * caller has locked with {@link JobRepository#findByIdForUpdate}, so the events of one job never interleave.
 * Each method is idempotent: applying the same report twice, or an old one late, changes nothing.
 */
@Singleton
public class JobUpdater {

    private static final Logger LOG = LoggerFactory.getLogger(JobUpdater.class);

    private final JobRepository jobs;
    private final ImageTaskRepository tasks;
    private final StoredImageRepository images;
    private final DispatchPlanner planner;
    private final Clock clock;
    private final int maxAttempts;
    private final JobMetrics metrics;
    private final JobEvents events;
    private final CallbackOutbox callbacks;

    public JobUpdater(JobRepository jobs, ImageTaskRepository tasks, StoredImageRepository images,
                      DispatchPlanner planner, Clock clock, DispatchProperties dispatch, JobMetrics metrics,
                      JobEvents events, CallbackOutbox callbacks) {
        this.events = events;
        this.metrics = metrics;
        this.callbacks = callbacks;
        this.maxAttempts = dispatch.maxAttempts();
        this.jobs = jobs;
        this.tasks = tasks;
        this.images = images;
        this.planner = planner;
        this.clock = clock;
    }

    public Optional<Job> lock(String jobId) {
        return jobs.findByIdForUpdate(jobId);
    }

    public Optional<ImageTask> task(Job job, String imageId) {
        return tasks.findByJobIdAndItemId(job.id(), imageId);
    }

    public Job runStarted(Job job, String runId) {
        if (job.status().isTerminal() || !runId.equals(job.runId())) {
            return job;
        }
        return moveTo(job.withProgress(clock.instant()), JobStatus.GENERATING);
    }

    /**
     * A worker took the job's current run. That is progress whatever the job's status: a new attempt goes to a job
     * that is still {@code generating}, and may have waited behind busy workers for longer than the stall bound.
     */
    public Job sent(Job job) {
        return moveTo(job.withProgress(clock.instant()), JobStatus.DISPATCHED);
    }

    public Job heartbeat(Job job, String runId) {
        if (job.status().isTerminal() || !runId.equals(job.runId())) {
            return job;
        }
        return jobs.update(job.withActivity(clock.instant()));
    }

    /** Stores the image once. Any run may deliver it: an image is as good from an older attempt as from the current. */
    public Job imageSucceeded(Job job, ImageTask task, ImageOutcome.Succeeded image, byte[] bytes) {
        if (job.status().isTerminal() || task.status() == TaskStatus.SUCCEEDED) {
            return job;
        }
        Instant now = clock.instant();
        // Stored in the transaction that marks the task succeeded, and a succeeded task is never reopened: no
        // image row can be there yet.
        images.save(new StoredImage(task.id(), bytes));
        events.imageSucceeded(job, tasks.update(task.succeeded(image.runId(), image.contentType(), image.width(),
                image.height(), bytes.length, image.sha256(), image.provider(), image.cost(), now)));
        return finishIfDone(moveTo(job.withProgress(now), JobStatus.GENERATING));
    }

    /**
     * A failure is final for this attempt; an image that already succeeded stays succeeded. A failure reported
     * by an older run says nothing about the current attempt, which may still make the image: it is ignored.
     */
    public Job imageFailed(Job job, ImageTask task, ImageOutcome.Failed failure) {
        String runId = failure.runId();
        String code = failure.error().code();
        String message = failure.error().message();
        if (job.status().isTerminal() || task.status().isDone() || !runId.equals(job.runId())) {
            return job;
        }
        inJob(job, () -> LOG.warn("image {} failed: {} {}", task.itemId(), code, message));
        events.imageFailed(job, tasks.update(task.failed(runId, code, message, clock.instant())));
        return finishIfDone(moveTo(job.withProgress(clock.instant()), JobStatus.GENERATING));
    }

    /**
     * The run's summary. Failures whose own events the receiver missed are recorded from it. Images it says
     * succeeded but whose bytes have not arrived are left open: their webhooks may still be on the way, and if
     * they never come, recovery pulls the bytes from the worker or dispatches those images again.
     */
    public Job runFinished(Job job, String runId, Map<String, ImageOutcome.Error> failed) {
        if (job.status().isTerminal() || !runId.equals(job.runId())) {
            return job;
        }
        Instant now = clock.instant();
        for (ImageTask task : tasks.findByJobIdOrderByPosition(job.id())) {
            ImageOutcome.Error failure = failed.get(task.itemId());
            if (!task.status().isDone() && failure != null) {
                events.imageFailed(job, tasks.update(task.failed(runId, failure.code(), failure.message(), now)));
            }
        }
        return finishIfDone(jobs.update(job.withActivity(now)));
    }

    /**
     * A run ended or went silent with images still open: send those images again as a new attempt, or, past the
     * attempt limit, fail them so that the job still ends.
     */
    public Job retryOrGiveUp(Job job, String reason) {
        if (job.status().isTerminal()) {
            return job;
        }
        if (job.attempt() < maxAttempts) {
            inJob(job, () -> LOG.warn("attempt {} lost ({}); dispatching attempt {}", job.attempt(), reason,
                    job.attempt() + 1));
            return nextAttempt(job, reason);
        }
        inJob(job, () -> LOG.error("job gives up after {} attempts: {}", job.attempt(), reason));
        // Straight to SQL, past ImageTask.failed: cut and cleaned here, since a reason quotes whatever was said.
        tasks.failOpen(job.id(), "worker_lost", StorableText.clean(StorableText.fit("worker lost: " + reason, 1000)),
                clock.instant());
        return finishIfDone(jobs.update(job.withFailureReason("worker lost: " + reason)));
    }

    /** A new run for the images not done; the old run's events can no longer finish the job. */
    private Job nextAttempt(Job job, String reason) {
        Job next = jobs.update(job.withNewAttempt(UUID.randomUUID().toString(), clock.instant()));
        tasks.reopenGenerating(job.id());
        planner.supersede(job.id(), next.runId(), "superseded by attempt " + next.attempt());
        events.attempt(next, StorableText.clean(StorableText.fit(reason, 500)));
        return next;
    }

    public Job finishIfDone(Job job) {
        if (job.status().isTerminal()) {
            return job;
        }
        TaskCounts counts = tasks.counts(job.id());
        if (counts.openCount() > 0) {
            return job;
        }
        int succeeded = (int) counts.succeededCount();
        int failed = (int) counts.failedCount();
        return moveTo(job, JobStatus.finishedWith(succeeded, failed),
                ": " + succeeded + " succeeded, " + failed + " failed");
    }

    /** The run's progress (or a cancel) moves the job on; a move the table does not allow only notes activity. */
    public Job moveTo(Job job, JobStatus next) {
        return moveTo(job, next, "");
    }

    /** The retry: a job that ended with images not made opens again on a fresh run. */
    public Job reopen(Job job, String detail) {
        Job reopened = jobs.update(job.reopened(UUID.randomUUID().toString(), clock.instant()));
        logMove(job, reopened, detail);
        events.moved(job, reopened);
        return reopened;
    }

    /**
     * Every forward write of a job's status; {@code detail} ends the log line. Only {@link #reopen} takes a job out of
     * an end: a late or repeated event asking for an earlier state is no move.
     */
    private Job moveTo(Job job, JobStatus next, String detail) {
        Instant now = clock.instant();
        if (!job.status().canAdvanceTo(next)) {
            return jobs.update(job.withActivity(now));
        }
        Job moved = jobs.update(job.advancedTo(next, now));
        if (next.isTerminal()) {
            metrics.ended(next.wireName(), moved.createdAt(), moved.finishedAt());
            callbacks.jobEnded(moved);
        }
        logMove(job, moved, detail);
        events.moved(job, moved);
        return moved;
    }

    private static void logMove(Job from, Job to, String detail) {
        inJob(to, () -> LOG.info("job {} -> {}{}", from.status().wireName(), to.status().wireName(), detail));
    }

    /** A line about a job carries its fields, whichever thread or request moved it (a retry, a cancel, an event). */
    private static void inJob(Job job, Runnable line) {
        try (PropagatedContext.Scope ignored = JobContext.of(job.id(), job.caseId(), job.runId()).propagate()) {
            line.run();
        }
    }
}
