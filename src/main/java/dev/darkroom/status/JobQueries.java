package dev.darkroom.status;

import dev.darkroom.job.ImageTask;
import dev.darkroom.job.ImageTaskRepository;
import dev.darkroom.job.Job;
import dev.darkroom.job.JobRepository;
import dev.darkroom.job.JobStatus;
import dev.darkroom.job.JobVersion;
import dev.darkroom.job.StoredImage;
import dev.darkroom.job.StoredImageRepository;
import dev.darkroom.job.TaskStatus;
import dev.darkroom.job.callback.Callback;
import dev.darkroom.job.callback.CallbackAttemptRepository;
import dev.darkroom.job.callback.CallbackRepository;
import dev.darkroom.job.outbox.Dispatch;
import dev.darkroom.job.outbox.DispatchRepository;
import dev.darkroom.job.outbox.DispatchStatus;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the status role and operators read: a job with its tasks, a stored image, the counts of jobs by state. */
@Singleton
public class JobQueries {

    private final JobRepository jobs;
    private final ImageTaskRepository tasks;
    private final StoredImageRepository images;
    private final TransactionOperations<Connection> tx;
    private final CallbackRepository callbacks;
    private final CallbackAttemptRepository callbackAttempts;
    private final DispatchRepository dispatches;

    /** Beyond this many runs ahead, a place in the queue is not counted: it would say little and cost more. */
    public static final int QUEUE_BOUND = 1000;

    public JobQueries(JobRepository jobs, ImageTaskRepository tasks, StoredImageRepository images,
                      TransactionOperations<Connection> tx, CallbackRepository callbacks,
                      CallbackAttemptRepository callbackAttempts, DispatchRepository dispatches) {
        this.dispatches = dispatches;
        this.callbacks = callbacks;
        this.callbackAttempts = callbackAttempts;
        this.jobs = jobs;
        this.tasks = tasks;
        this.images = images;
        this.tx = tx;
    }

    public Optional<JobSnapshot> job(String jobId) {
        return tx.executeRead(status -> jobs.findById(jobId).map(this::withTasks));
    }

    /** The job row's version alone: one read by primary key, no image read. */
    public Optional<JobVersion> version(String jobId) {
        return jobs.findVersionById(jobId);
    }

    /** The version of the case's newest job, active or not. */
    public Optional<JobVersion> latestVersionForCase(String caseId) {
        return jobs.findLatestVersionByCaseId(caseId);
    }

    public List<ImageTask> tasks(String jobId) {
        return tasks.findByJobIdOrderByPosition(jobId);
    }

    /** The case's newest job, active or not. */
    public Optional<JobSnapshot> latestForCase(String caseId) {
        return tx.executeRead(status -> jobs.findFirstByCaseIdOrderByCreatedAtDesc(caseId).map(this::withTasks));
    }

    /** Where a waiting job's run stands: 1 is next; no position when {@link #QUEUE_BOUND} or more are ahead. */
    public record QueueSpot(@Nullable Integer position, Instant waitingSince) {
    }

    /** The place of the job's due run among all due runs, in the order the dispatcher claims them. */
    public Optional<QueueSpot> queueSpot(String jobId) {
        return dispatches.findByJobIdAndStatus(jobId, DispatchStatus.DUE).stream()
                .min(Comparator.comparing(Dispatch::createdAt).thenComparing(Dispatch::id))
                .map(due -> {
                    long ahead = dispatches.countDueAhead(due.createdAt(), due.id(), QUEUE_BOUND);
                    return new QueueSpot(ahead >= QUEUE_BOUND ? null : (int) ahead + 1, due.createdAt());
                });
    }

    /** The task of an image that is stored; empty while it is not made, or when it failed. */
    public Optional<ImageTask> storedImage(String jobId, String imageId) {
        return tasks.findByJobIdAndItemId(jobId, imageId).filter(task -> task.status() == TaskStatus.SUCCEEDED);
    }

    /** The picture's bytes, read only when they are sent: a client that has them gets a 304 without this read. */
    public Optional<byte[]> bytesOf(ImageTask stored) {
        return images.findById(stored.id()).map(StoredImage::data);
    }

    public Map<JobStatus, Long> countsByStatus() {
        Map<JobStatus, Long> counts = new EnumMap<>(JobStatus.class);
        for (JobStatus status : JobStatus.values()) {
            counts.put(status, jobs.countWithStatus(status.name()));
        }
        return counts;
    }

    /** How often recovery had to step in, over every job. */
    public long recoveries() {
        return jobs.totalRecoveries();
    }

    private JobSnapshot withTasks(Job job) {
        List<ImageTask> jobTasks = tasks.findByJobIdOrderByPosition(job.id());
        Callback callback = callbacks.findById(job.id()).orElse(null);
        return callback == null ? new JobSnapshot(job, jobTasks)
                : new JobSnapshot(job, jobTasks, callback, callbackAttempts.findByJobIdOrderByAttemptedAt(job.id()));
    }
}
