package dev.darkroom.recovery;

import dev.darkroom.job.Job;
import dev.darkroom.job.JobRepository;
import dev.darkroom.job.JobUpdater;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.time.Clock;
import java.util.List;

/**
 * Finds runs that went silent (a worker that died, a process killed mid-job, a run that never started) and gives
 * their open images a new attempt, so that every accepted job reaches a terminal state.
 */
@Singleton
@Requires(property = "darkroom.roles.recovery", notEquals = "false")
public class RunWatchdog {

    private static final Logger LOG = LoggerFactory.getLogger(RunWatchdog.class);

    private final JobRepository jobs;
    private final JobUpdater updater;
    private final TransactionOperations<Connection> tx;
    private final RecoveryProperties properties;
    private final Clock clock;

    public RunWatchdog(JobRepository jobs, JobUpdater updater, TransactionOperations<Connection> tx,
                       RecoveryProperties properties, Clock clock) {
        this.jobs = jobs;
        this.updater = updater;
        this.tx = tx;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(fixedDelay = "${darkroom.recovery.interval:15s}", initialDelay = "${darkroom.recovery.interval:15s}")
    public void check() {
        try {
            int recovered = tx.executeWrite(status -> {
                List<Job> quiet = jobs.lockQuietJobs(clock.instant().minus(properties.runTimeout()),
                        properties.batchSize());
                quiet.forEach(job -> updater.retryOrGiveUp(job, "no word from run " + job.runId() + " for "
                        + properties.runTimeout().toSeconds() + "s"));
                return quiet.size();
            });
            if (recovered > 0) {
                LOG.warn("recovered {} quiet jobs", recovered);
            }
        } catch (RuntimeException e) {
            LOG.error("recovery check failed; the next one tries again", e);
        }
    }
}
