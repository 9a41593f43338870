package dev.darkroom.dispatch;

import dev.darkroom.Backoff;
import dev.darkroom.job.ImageTask;
import dev.darkroom.job.ImageTaskRepository;
import dev.darkroom.job.Job;
import dev.darkroom.job.JobRepository;
import dev.darkroom.job.JobStatus;
import dev.darkroom.job.JobUpdater;
import dev.darkroom.worker.RunRequest;
import io.micronaut.context.annotation.Requires;
import io.micronaut.data.exceptions.OptimisticLockException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sends due runs to a worker. A dispatch is claimed and leased in one short transaction, sent outside any
 * transaction, then marked sent or rescheduled with backoff. A node that dies mid-send loses nothing: the lease
 * runs out and the dispatch is due again.
 */
@Singleton
@Requires(property = "darkroom.roles.initiator", notEquals = "false")
public class Dispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    private final DispatchRepository dispatches;
    private final JobRepository jobs;
    private final ImageTaskRepository tasks;
    private final JobUpdater updater;
    private final WorkerClient worker;
    private final TransactionOperations<Connection> tx;
    private final DispatchProperties properties;
    private final Clock clock;
    private final ExecutorService executor;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();

    public Dispatcher(DispatchRepository dispatches, JobRepository jobs, ImageTaskRepository tasks,
                      JobUpdater updater, WorkerClient worker, TransactionOperations<Connection> tx,
                      DispatchProperties properties, Clock clock,
                      @Named(TaskExecutors.BLOCKING) ExecutorService executor) {
        this.dispatches = dispatches;
        this.jobs = jobs;
        this.tasks = tasks;
        this.updater = updater;
        this.worker = worker;
        this.tx = tx;
        this.properties = properties;
        this.clock = clock;
        this.executor = executor;
    }

    /** Called after a job commits, so a new run goes out at once instead of at the next poll. */
    public void nudge() {
        executor.execute(this::dispatchDue);
    }

    @Scheduled(fixedDelay = "${darkroom.dispatch.poll-interval:1s}", initialDelay = "1s")
    void poll() {
        dispatchDue();
    }

    /** Sends every due dispatch; one pass at a time per node, and a nudge during a pass asks for another. */
    public void dispatchDue() {
        again.set(true);
        while (again.getAndSet(false)) {
            if (!running.compareAndSet(false, true)) {
                again.set(true);
                return;
            }
            try {
                List<Dispatch> claimed;
                do {
                    claimed = claim();
                    claimed.forEach(this::send);
                } while (claimed.size() == properties.batchSize());
            } catch (RuntimeException e) {
                LOG.error("dispatch pass failed; the next poll tries again", e);
            } finally {
                running.set(false);
            }
        }
    }

    private List<Dispatch> claim() {
        return tx.executeWrite(status -> {
            Instant now = clock.instant();
            return dispatches.lockDue(now, properties.batchSize()).stream()
                    .map(d -> dispatches.update(d.claimed(now.plus(properties.lease()))))
                    .toList();
        });
    }

    private void send(Dispatch dispatch) {
        Optional<RunRequest> run = tx.executeRead(status -> runFor(dispatch));
        if (run.isEmpty()) {
            end(dispatch, DispatchStatus.DONE, "nothing left to send");
            return;
        }
        Optional<String> acceptedBy;
        try {
            acceptedBy = worker.submit(run.get());
        } catch (WorkerClient.WorkerUnavailableException e) {
            failed(dispatch, e.getMessage(), e.retryAfter());
            return;
        }
        boolean stillWanted = tx.executeWrite(status -> {
            Job job = jobs.findByIdForUpdate(dispatch.jobId()).orElseThrow();
            saveQuietly(dispatch.sentTo(acceptedBy.orElse(null)));
            if (!job.status().isTerminal() && job.runId().equals(dispatch.runId())) {
                tasks.markGenerating(job.id(), dispatch.runId());
                updater.moveTo(job, JobStatus.DISPATCHED);
                return true;
            }
            return false;
        });
        if (!stillWanted) {
            // Canceled (or superseded) while the run was on its way: the worker's stop may have come first.
            worker.cancel(acceptedBy.orElse(null), dispatch.runId());
            return;
        }
        LOG.info("job {} (case {}) run {} sent to worker ({} images)", dispatch.jobId(), run.get().caseId(),
                dispatch.runId(), run.get().images().size());
    }

    /** The run as it stands now: only images not done, and nothing at all for a job that moved on. */
    private Optional<RunRequest> runFor(Dispatch dispatch) {
        Optional<Job> job = jobs.findById(dispatch.jobId());
        if (job.isEmpty() || job.get().status().isTerminal() || !job.get().runId().equals(dispatch.runId())) {
            return Optional.empty();
        }
        List<RunRequest.Item> items = tasks.findByJobIdOrderByPosition(dispatch.jobId()).stream()
                .filter(t -> !t.status().isDone())
                .map(Dispatcher::item)
                .toList();
        if (items.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new RunRequest(job.get().id(), job.get().caseId(), dispatch.runId(), job.get().attempt(),
                items));
    }

    private static RunRequest.Item item(ImageTask task) {
        return new RunRequest.Item(task.itemId(), task.kind(), task.name(), task.description());
    }

    private void failed(Dispatch dispatch, String error, Duration atLeast) {
        if (dispatch.tries() >= properties.maxTries()) {
            LOG.error("job {} run {} could not be delivered after {} tries: {}", dispatch.jobId(), dispatch.runId(),
                    dispatch.tries(), error);
            tx.executeWrite(status -> {
                saveQuietly(dispatch.ended(DispatchStatus.ABANDONED, error));
                jobs.findByIdForUpdate(dispatch.jobId())
                        .filter(job -> job.runId().equals(dispatch.runId()))
                        .ifPresent(job -> updater.retryOrGiveUp(job, "worker unreachable: " + error));
                return null;
            });
            return;
        }
        Duration backoff = Backoff.before(dispatch.tries(), properties.initialBackoff(), properties.maxBackoff());
        Duration asked = atLeast.compareTo(properties.maxBackoff()) > 0 ? properties.maxBackoff() : atLeast;
        Duration wait = backoff.compareTo(asked) >= 0 ? backoff : asked;
        LOG.warn("job {} run {} send failed ({}); try {} of {} in {} ms", dispatch.jobId(), dispatch.runId(), error,
                dispatch.tries() + 1, properties.maxTries(), wait.toMillis());
        tx.executeWrite(status -> saveQuietly(dispatch.retryAt(clock.instant().plus(wait), error)));
    }

    private void end(Dispatch dispatch, DispatchStatus end, String note) {
        tx.executeWrite(status -> saveQuietly(dispatch.ended(end, note)));
    }

    /** A version clash means the lease ran out and another sender took over: its word stands. */
    private Dispatch saveQuietly(Dispatch dispatch) {
        try {
            return dispatches.update(dispatch);
        } catch (OptimisticLockException e) {
            LOG.debug("dispatch {} was taken over by another sender", dispatch.id());
            return dispatch;
        }
    }
}
