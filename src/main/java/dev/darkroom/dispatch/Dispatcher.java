package dev.darkroom.dispatch;

import dev.darkroom.Backoff;
import dev.darkroom.StopRequested;
import dev.darkroom.job.Claims;
import dev.darkroom.job.ImageTask;
import dev.darkroom.job.ImageTaskRepository;
import dev.darkroom.job.Job;
import dev.darkroom.job.JobRepository;
import dev.darkroom.job.JobUpdater;
import dev.darkroom.job.outbox.Dispatch;
import dev.darkroom.job.outbox.DispatchProperties;
import dev.darkroom.job.outbox.DispatchRepository;
import dev.darkroom.job.outbox.DispatchStatus;
import dev.darkroom.job.outbox.RunCanceled;
import dev.darkroom.job.outbox.RunDue;
import dev.darkroom.observe.JobTraces;
import dev.darkroom.run.ImageSpec;
import dev.darkroom.run.RunEnded;
import dev.darkroom.run.RunRequest;
import dev.darkroom.run.Workers;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.propagation.PropagatedContext;
import io.micronaut.data.exceptions.OptimisticLockException;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionOperations;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sends due runs to a worker. A dispatch is claimed and leased in one short transaction, sent outside any
 * transaction, then marked sent or rescheduled with backoff. A node that dies mid-send loses nothing: the lease
 * runs out and the dispatch is due again.
 *
 * <p>A busy worker (429, 503) is capacity, not a fault: the run stays due with no try used and the job stays
 * {@code pending}, however long it takes. The pass stops there and nothing more is sent until the worker's
 * Retry-After has passed or a run on this node's worker ended ({@link WorkerCapacity}); due runs go out oldest
 * first. Only a worker that cannot be reached or errs uses up tries, and then attempts.
 */
@Singleton
@Requires(property = "darkroom.roles.initiator", notEquals = "false")
public class Dispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    private final DispatchRepository dispatches;
    private final Claims claims;
    private final JobRepository jobs;
    private final ImageTaskRepository tasks;
    private final JobUpdater updater;
    private final Workers worker;
    private final WorkerCapacity capacity;
    private final TransactionOperations<Connection> tx;
    private final DispatchProperties properties;
    private final Clock clock;
    private final WakeUps wakeUps;
    private final JobTraces traces;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private volatile boolean stopping;

    public Dispatcher(DispatchRepository dispatches, Claims claims, JobRepository jobs, ImageTaskRepository tasks,
                      JobUpdater updater, Workers worker, WorkerCapacity capacity,
                      TransactionOperations<Connection> tx, DispatchProperties properties, Clock clock,
                      @Named(TaskExecutors.BLOCKING) ExecutorService executor, JobTraces traces) {
        this.traces = traces;
        this.dispatches = dispatches;
        this.claims = claims;
        this.jobs = jobs;
        this.tasks = tasks;
        this.updater = updater;
        this.worker = worker;
        this.capacity = capacity;
        this.tx = tx;
        this.properties = properties;
        this.clock = clock;
        this.wakeUps = new WakeUps(executor, this::dispatchDue);
    }

    /**
     * Called after a job commits, so a new run goes out at once instead of at the next poll. Nudges coalesce: a burst
     * of creates wakes one pass, which claims their dispatches together.
     */
    public void nudge() {
        wakeUps.wake();
    }

    /** A run on this node's worker ended: its slot is free, so the next run goes out now. */
    @EventListener
    void onRunEnded(RunEnded event) {
        capacity.runEnded();
        nudge();
    }

    /**
     * A job was created or retried on this node: its run goes out now instead of at the next poll. Runs made due on
     * other nodes wake it through {@link DispatchListener}, on PostgreSQL.
     */
    @EventListener
    void onRunDue(RunDue event) {
        nudge();
    }

    /** A job was canceled: the worker that accepted its run stops it. */
    @EventListener
    void onRunCanceled(RunCanceled event) {
        worker.cancel(event.worker(), event.runId());
    }

    @Scheduled(fixedDelay = "${darkroom.dispatch.poll-interval:1s}",
            initialDelay = "${darkroom.dispatch.poll-interval:1s}")
    void poll() {
        dispatchDue();
    }

    /**
     * The node is stopping: nothing more is claimed here. What is due stays due for the other nodes, or for this
     * one after its restart; a send already under way ends as usual.
     */
    @EventListener
    void onStopRequested(StopRequested event) {
        stopping = true;
    }

    /** A context that closes without a SIGTERM (a test, an embedding) stops claiming too. */
    @PreDestroy
    void onClose() {
        stopping = true;
    }

    /** Sends due dispatches while workers have room; one pass at a time per node, and a nudge asks for another. */
    public void dispatchDue() {
        again.set(true);
        while (again.getAndSet(false)) {
            if (!running.compareAndSet(false, true)) {
                again.set(true);
                return;
            }
            try {
                sendWhileThereIsRoom();
            } catch (RuntimeException e) {
                LOG.error("dispatch pass failed; the next poll tries again", e);
            } finally {
                running.set(false);
            }
        }
    }

    private void sendWhileThereIsRoom() {
        while (!stopping && properties.enabled()) {
            int room = capacity.room(properties.batchSize());
            if (room == 0) {
                return;
            }
            List<Dispatch> claimed = claim(room);
            for (int i = 0; i < claimed.size(); i++) {
                // Sends go one after another, each up to the client's read timeout: a lease taken for the whole
                // batch would run out under the later ones, and another node would send them too.
                Optional<Dispatch> leased = i == 0 ? Optional.of(claimed.get(i)) : renewLease(claimed.get(i));
                if (leased.isEmpty()) {
                    continue;
                }
                if (!send(leased.get())) {
                    // The worker is full: what this pass claimed goes back, due, in its place in the queue.
                    claimed.subList(i + 1, claimed.size()).forEach(d -> holdBack(d, null));
                    return;
                }
            }
            if (claimed.size() < room) {
                return;
            }
        }
    }

    private List<Dispatch> claim(int limit) {
        return tx.executeWrite(status -> {
            Instant now = clock.instant();
            return claims.dueDispatches(now, now.plus(properties.lease()), limit);
        });
    }

    /** A fresh lease for a dispatch about to be sent; empty when another sender took it over meanwhile. */
    private Optional<Dispatch> renewLease(Dispatch dispatch) {
        try {
            return Optional.of(tx.executeWrite(status ->
                    dispatches.update(dispatch.claimed(clock.instant().plus(properties.lease())))));
        } catch (OptimisticLockException e) {
            LOG.debug("dispatch {} was taken over by another sender", dispatch.id());
            return Optional.empty();
        }
    }

    /** False when the worker was busy: the run is held back and the pass should stop. */
    private boolean send(Dispatch dispatch) {
        Optional<RunRequest> run = tx.executeRead(status -> runFor(dispatch));
        if (run.isEmpty()) {
            end(dispatch, DispatchStatus.DONE, "nothing left to send");
            return true;
        }
        try (PropagatedContext.Scope ignored = traces.resume(dispatch.jobId(), run.get().caseId(), dispatch.runId())
                .propagate()) {
            return send(dispatch, run.get());
        }
    }

    private boolean send(Dispatch dispatch, RunRequest run) {
        Workers.Submission answer;
        try {
            answer = traces.traced("dispatch run", Map.of("darkroom.images", String.valueOf(run.images().size())),
                    () -> worker.submit(run));
        } catch (Workers.Unavailable e) {
            failed(dispatch, e.getMessage());
            return true;
        }
        if (answer instanceof Workers.Submission.Busy busy) {
            Duration pause = capacity.busy(busy.retryAfter());
            LOG.info("worker busy ({}): this run and every other due run wait {} ms, no try used",
                    busy.status(), pause.toMillis());
            holdBack(dispatch, "worker busy (" + busy.status() + ")");
            return false;
        }
        String acceptedBy = ((Workers.Submission.Accepted) answer).worker();
        boolean stillWanted = tx.executeWrite(status -> {
            Job job = jobs.findByIdForUpdate(dispatch.jobId()).orElseThrow();
            saveQuietly(dispatch.sentTo(acceptedBy));
            if (!job.status().isTerminal() && job.runId().equals(dispatch.runId())) {
                tasks.markGenerating(job.id(), dispatch.runId());
                updater.sent(job);
                return true;
            }
            return false;
        });
        if (!stillWanted) {
            // Canceled (or superseded) while the run was on its way: the worker's stop may have come first.
            worker.cancel(acceptedBy, dispatch.runId());
            return true;
        }
        LOG.info("run sent to worker ({} images)", run.images().size());
        return true;
    }

    /** The run as it stands now: only images not done, and nothing at all for a job that moved on. */
    private Optional<RunRequest> runFor(Dispatch dispatch) {
        Optional<Job> job = jobs.findById(dispatch.jobId());
        if (job.isEmpty() || job.get().status().isTerminal() || !job.get().runId().equals(dispatch.runId())) {
            return Optional.empty();
        }
        List<ImageSpec> items = tasks.findByJobIdOrderByPosition(dispatch.jobId()).stream()
                .filter(t -> !t.status().isDone())
                .map(Dispatcher::item)
                .toList();
        if (items.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new RunRequest(job.get().id(), job.get().caseId(), dispatch.runId(), job.get().attempt(),
                items));
    }

    private static ImageSpec item(ImageTask task) {
        return new ImageSpec(task.itemId(), task.kind(), task.name(), task.description());
    }

    /** The worker could not be reached or erred: one try used; past the last, the attempt is given up. */
    private void failed(Dispatch dispatch, String error) {
        int tries = dispatch.tries() + 1;
        if (tries >= properties.maxTries()) {
            LOG.error("run could not be delivered after {} tries: {}", tries, error);
            tx.executeWrite(status -> {
                // The job's row first, then the dispatch's: the order a cancel takes them in, so neither waits on
                // the other forever.
                Optional<Job> job = jobs.findByIdForUpdate(dispatch.jobId());
                saveQuietly(dispatch.failedTry(dispatch.dueAt(), error).ended(DispatchStatus.ABANDONED, error));
                job.filter(current -> current.runId().equals(dispatch.runId()))
                        .ifPresent(current -> updater.retryOrGiveUp(current,
                                "run not delivered after " + tries + " tries: " + error));
                return null;
            });
            return;
        }
        Duration wait = Backoff.before(tries, properties.initialBackoff(), properties.maxBackoff());
        LOG.warn("run send failed ({}); try {} of {} in {} ms", error, tries + 1, properties.maxTries(),
                wait.toMillis());
        tx.executeWrite(status -> saveQuietly(dispatch.failedTry(clock.instant().plus(wait), error)));
    }

    private void holdBack(Dispatch dispatch, @Nullable String note) {
        tx.executeWrite(status -> saveQuietly(dispatch.heldBack(clock.instant(), note)));
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
