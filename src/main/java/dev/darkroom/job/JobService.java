package dev.darkroom.job;

import dev.darkroom.TimeOrderedIds;
import dev.darkroom.job.callback.CallbackOutbox;
import dev.darkroom.job.outbox.DispatchPlanner;
import dev.darkroom.observe.JobContext;
import dev.darkroom.observe.JobTraces;
import dev.darkroom.run.ImageSpec;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.propagation.PropagatedContext;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Creates jobs: the job, its image tasks and its first dispatch commit together, or not at all. Reads are the
 * status role's (status.JobQueries).
 */
@Singleton
public class JobService {

    private static final Logger LOG = LoggerFactory.getLogger(JobService.class);

    private final JobRepository jobs;
    private final ImageTaskRepository tasks;
    private final DispatchPlanner planner;
    private final TransactionOperations<Connection> tx;
    private final Clock clock;
    private final JobTraces traces;
    private final CallbackOutbox callbacks;

    public JobService(JobRepository jobs, ImageTaskRepository tasks, DispatchPlanner planner,
                      TransactionOperations<Connection> tx, Clock clock, JobTraces traces, CallbackOutbox callbacks) {
        this.traces = traces;
        this.callbacks = callbacks;
        this.jobs = jobs;
        this.tasks = tasks;
        this.planner = planner;
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * What came of a submission: the job, why it is the one returned, and its tasks in order. A new job's tasks are
     * the rows just written, so its answer reads nothing back; a job already there is read in the same transaction.
     */
    public record Submission(Job job, Outcome outcome, List<ImageTask> tasks) {
    }

    public enum Outcome {
        /** A new job was created. */
        CREATED,
        /** The case already had an active job; that one is returned. */
        ACTIVE,
        /** The Idempotency-Key was seen before; the job it created is returned. */
        REPLAYED
    }

    public static class IdempotencyKeyReusedException extends RuntimeException {
        public IdempotencyKeyReusedException() {
            super("this Idempotency-Key was used with a different request");
        }
    }

    public Submission submit(String caseId, List<ImageSpec> images, @Nullable String idempotencyKey,
                             String requestHash) {
        return submit(caseId, images, idempotencyKey, requestHash, null);
    }

    /** {@code callbackUrl}, already checked, is where the job's end is posted; stored with a new job only. */
    public Submission submit(String caseId, List<ImageSpec> images, @Nullable String idempotencyKey,
                             String requestHash, @Nullable String callbackUrl) {
        try {
            return tx.executeWrite(status -> existing(caseId, idempotencyKey, requestHash)
                    .orElseGet(() -> create(caseId, images, idempotencyKey, requestHash, callbackUrl)));
        } catch (DataAccessException e) {
            // Another request for this case (or with this key) committed first; the unique index said so.
            return tx.executeRead(status -> existing(caseId, idempotencyKey, requestHash)).orElseThrow(() -> e);
        }
    }

    /** One read for both questions: the key's job, if the key was seen, comes first; else the case's active job. */
    private Optional<Submission> existing(String caseId, @Nullable String key, String requestHash) {
        List<Job> found = jobs.findActiveOrKeyed(caseId, key);
        Optional<Job> replay = found.stream().filter(job -> key != null && key.equals(job.idempotencyKey()))
                .findFirst();
        if (replay.isPresent()) {
            if (!replay.get().requestHash().equals(requestHash)) {
                throw new IdempotencyKeyReusedException();
            }
            return Optional.of(new Submission(replay.get(), Outcome.REPLAYED, tasksOf(replay.get())));
        }
        return found.stream().filter(job -> caseId.equals(job.activeCaseId())).findFirst()
                .map(job -> new Submission(job, Outcome.ACTIVE, tasksOf(job)));
    }

    private List<ImageTask> tasksOf(Job job) {
        return tasks.findByJobIdOrderByPosition(job.id());
    }

    private Submission create(String caseId, List<ImageSpec> images, @Nullable String key, String requestHash,
                              @Nullable String callbackUrl) {
        Instant now = clock.instant();
        String jobId = TimeOrderedIds.next();
        Job job = jobs.save(new Job(jobId, caseId, caseId, JobStatus.PENDING, 1, TimeOrderedIds.next(), key,
                requestHash, null, now, null, null, now, 0, now, 0L));
        List<ImageTask> rows = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            ImageSpec image = images.get(i);
            rows.add(new ImageTask(TimeOrderedIds.next(), jobId, image.imageId(), i, image.kind(), image.name(),
                    image.description(), TaskStatus.PENDING, null, null, null, null, null, null, null, null, null,
                    null, null, 0L));
        }
        List<ImageTask> saved = tasks.saveAll(rows);
        traces.remember(jobId);
        if (callbackUrl != null) {
            callbacks.register(jobId, callbackUrl);
        }
        planner.plan(job.id(), job.runId());
        try (PropagatedContext.Scope ignored = JobContext.of(jobId, caseId, job.runId()).propagate()) {
            LOG.info("job created with {} images", images.size());
        }
        return new Submission(job, Outcome.CREATED, saved);
    }
}
