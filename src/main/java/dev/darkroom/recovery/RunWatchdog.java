package dev.darkroom.recovery;

import dev.darkroom.Sha256;
import dev.darkroom.image.ImageClaims;
import dev.darkroom.job.Claims;
import dev.darkroom.job.EventApplier;
import dev.darkroom.job.Job;
import dev.darkroom.job.JobUpdater;
import dev.darkroom.job.outbox.DispatchPlanner;
import dev.darkroom.metrics.JobMetrics;
import dev.darkroom.observe.JobContext;
import dev.darkroom.problem.Problem;
import dev.darkroom.run.ImageOutcome;
import dev.darkroom.run.RunEvent;
import dev.darkroom.run.RunReport;
import dev.darkroom.run.Workers;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.propagation.PropagatedContext;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * Finds runs that went quiet (a webhook lost, a receiver that was down, a worker that died, a process killed
 * mid-job) and settles them: it first asks the worker for the run and applies what the worker still holds (pull
 * when push went quiet); a run its worker no longer knows gets its open images dispatched again as a new attempt,
 * until the attempts run out. So every accepted job reaches a terminal state.
 */
@Singleton
@Requires(property = "darkroom.roles.recovery", notEquals = "false")
public class RunWatchdog {

    private static final Logger LOG = LoggerFactory.getLogger(RunWatchdog.class);

    private final Claims jobClaims;
    private final JobUpdater updater;
    private final EventApplier applier;
    private final Workers worker;
    private final DispatchPlanner planner;
    private final TransactionOperations<Connection> tx;
    private final RecoveryProperties properties;
    private final Clock clock;
    private final ImageClaims claims;
    private final JobMetrics metrics;
    /**
     * Runs whose worker did not answer at the last check. Only a hint: a recovery node that restarts forgets it and
     * waits one more quiet period, nothing worse.
     */
    private final Map<String, Integer> unreachable = new ConcurrentHashMap<>();

    public RunWatchdog(Claims jobClaims, JobUpdater updater, EventApplier applier, Workers worker,
                       DispatchPlanner planner, TransactionOperations<Connection> tx, RecoveryProperties properties,
                       Clock clock, ImageClaims claims, JobMetrics metrics) {
        this.metrics = metrics;
        this.applier = applier;
        this.claims = claims;
        this.planner = planner;
        this.jobClaims = jobClaims;
        this.updater = updater;
        this.worker = worker;
        this.tx = tx;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(fixedDelay = "${darkroom.recovery.interval:15s}", initialDelay = "${darkroom.recovery.interval:15s}")
    public void check() {
        List<Job> quiet;
        try {
            quiet = claimQuietJobs();
        } catch (RuntimeException e) {
            LOG.error("recovery check failed; the next one tries again", e);
            return;
        }
        for (Job job : quiet) {
            try (PropagatedContext.Scope ignored = JobContext.of(job.id(), job.caseId(), job.runId()).propagate()) {
                recover(job);
            } catch (RuntimeException e) {
                // One job's trouble must not leave the others of the batch unlooked at.
                LOG.error("recovery of job {} failed; the next check tries again", job.id(), e);
            }
        }
    }

    /**
     * Takes quiet jobs in hand in one statement, for the shortest quiet period: no other recovery node takes them
     * meanwhile, and one that dies holding them only delays them by that long.
     */
    private List<Job> claimQuietJobs() {
        Duration hold = Stream.of(properties.startDeadline(), properties.runTimeout(), properties.stallTimeout())
                .min(Comparator.naturalOrder()).orElseThrow();
        return tx.executeWrite(status -> {
            Instant now = clock.instant();
            return jobClaims.quietJobs(now, now.plus(hold), now.minus(properties.startDeadline()),
                    now.minus(properties.runTimeout()), now.minus(properties.stallTimeout()), properties.batchSize());
        });
    }

    private void recover(Job job) {
        LOG.warn("job is quiet in status {}: asking the worker for its run (recovery #{})",
                job.status().wireName(), job.recoveries());
        Optional<RunReport> report;
        try {
            report = worker.fetchRun(planner.workerOf(job.runId()).orElse(null), job.runId());
            unreachable.remove(job.runId());
        } catch (Workers.Unavailable e) {
            // A blip must not double the work: the run may well be generating still. Only a worker that stays
            // unreachable for a second quiet period is taken to have lost it.
            if (unreachable.merge(job.runId(), 1, Integer::sum) < 2) {
                LOG.warn("worker unreachable ({}); asking again after another quiet period", e.getMessage());
                return;
            }
            unreachable.remove(job.runId());
            LOG.warn("worker still unreachable ({})", e.getMessage());
            report = Optional.empty();
        }
        if (report.isEmpty()) {
            metrics.recovered("lost");
            inJob(job, locked -> updater.retryOrGiveUp(locked, "run " + job.runId() + " lost by its worker"));
            return;
        }
        RunReport run = report.get();
        String workerAddress = planner.workerOf(run.runId()).orElse(null);
        int pulled = pull(job, run, workerAddress);
        LOG.info("run is {} on its worker; {} outcomes pulled", run.state(), pulled);
        if (pulled > 0) {
            metrics.recovered("pulled");
        }
        if (run.state() == RunReport.State.RUNNING && pulled == 0 && stalled(job)) {
            // Running by its worker's word, yet nothing came of it for longer than any image may take: stop it,
            // so it frees its slot, and make its open images again.
            String reason = "run " + run.runId() + " made no progress for "
                    + properties.stallTimeout().toString().substring(2).toLowerCase()
                    + " while its worker said it was running";
            // Judged again on the locked row: the run may have been sent or started since the job was claimed.
            boolean takenForLost = tx.executeWrite(status -> updater.lock(job.id())
                    .filter(locked -> locked.runId().equals(job.runId()) && stalled(locked))
                    .map(locked -> updater.retryOrGiveUp(locked, reason))
                    .isPresent());
            if (takenForLost) {
                metrics.recovered("stalled");
                LOG.warn("run made no progress since {}; taking it for lost", job.lastProgressAt());
                worker.cancel(workerAddress, run.runId());
            }
            return;
        }
        if (run.state() != RunReport.State.RUNNING) {
            // The worker's report of an ended run says what its run.finished said.
            RunEvent.Finished summary = new RunEvent.Finished(run.jobId(), run.runId(),
                    run.succeeded().stream().map(ImageOutcome::imageId).toList(),
                    run.failed().stream().filter(f -> f.error() != null)
                            .map(f -> new RunEvent.Finished.Failure(f.imageId(), f.error())).toList());
            inJob(job, locked -> {
                Job settled = applier.apply(locked, summary, null);
                // Whatever the ended run still lacks, its worker cannot give any more: make it again.
                if (settled.status().isTerminal()) {
                    return settled;
                }
                metrics.recovered("incomplete");
                return updater.retryOrGiveUp(settled, "run " + run.runId() + " ended with images missing");
            });
        }
    }

    private boolean stalled(Job job) {
        return job.lastProgressAt().isBefore(clock.instant().minus(properties.stallTimeout()));
    }

    /**
     * Applies the outcomes the receiver missed, each in its own short transaction and through the same code as
     * their webhooks: a success whose bytes the worker still holds, and every failure.
     */
    private int pull(Job job, RunReport run, String workerAddress) {
        int pulled = 0;
        for (ImageOutcome.Succeeded outcome : run.succeeded()) {
            if (ofRun(job, run, outcome) && run.bytesHeld().contains(outcome.imageId())) {
                Optional<byte[]> bytes = fetch(workerAddress, run.runId(), outcome.imageId());
                if (bytes.isPresent() && Sha256.hex(bytes.get()).equalsIgnoreCase(outcome.sha256())
                        && claimsHold(job, outcome, bytes.get())) {
                    pulled += apply(job, outcome, bytes.get());
                }
            }
        }
        // A worker's answer is not signed: a failure without its error says nothing worth storing.
        for (ImageOutcome.Failed outcome : run.failed()) {
            if (ofRun(job, run, outcome) && outcome.error() != null) {
                pulled += apply(job, outcome, null);
            }
        }
        return pulled;
    }

    /** An outcome is taken only as one of the job and run the worker was asked about. */
    private static boolean ofRun(Job job, RunReport run, ImageOutcome outcome) {
        return job.id().equals(outcome.jobId()) && run.runId().equals(outcome.runId()) && outcome.imageId() != null;
    }

    /**
     * A worker's answers to recovery are not signed, only recovery's questions are: what they claim about an image
     * passes the same checks as a signed event before it is stored and served. An image refused here stays open
     * and is made again.
     */
    private boolean claimsHold(Job job, ImageOutcome.Succeeded outcome, byte[] bytes) {
        List<Problem.FieldError> wrong = new ArrayList<>(claims.fields("", outcome.contentType(), outcome.width(),
                outcome.height(), outcome.cost()));
        if (wrong.isEmpty() && outcome.contentType() != null && outcome.width() != null && outcome.height() != null) {
            wrong.addAll(claims.bytes("image", bytes, outcome.contentType(), outcome.width(), outcome.height()));
        } else if (wrong.isEmpty()) {
            wrong.add(new Problem.FieldError("contentType, width, height", "are required"));
        }
        if (!wrong.isEmpty()) {
            LOG.warn("image {} pulled from the worker refused, it will be made again: {}", outcome.imageId(),
                    wrong);
        }
        return wrong.isEmpty();
    }

    private Optional<byte[]> fetch(String workerAddress, String runId, String imageId) {
        try {
            return worker.fetchImage(workerAddress, runId, imageId);
        } catch (Workers.Unavailable e) {
            return Optional.empty();
        }
    }

    /** 1 when the outcome's image was still open and is now applied, 0 when there was nothing to do. */
    private int apply(Job job, ImageOutcome outcome, byte[] bytes) {
        return tx.executeWrite(status -> updater.lock(job.id())
                .filter(locked -> updater.task(locked, outcome.imageId())
                        .filter(task -> !task.status().isDone()).isPresent())
                .map(locked -> {
                    applier.apply(locked, outcome, bytes);
                    return 1;
                })
                .orElse(0));
    }

    /** Applies a change to the job as long as it is still on the run recovery looked at. */
    private void inJob(Job job, UnaryOperator<Job> change) {
        tx.executeWrite(status -> updater.lock(job.id()).filter(locked -> locked.runId().equals(job.runId()))
                .map(change));
    }
}
