package dev.darkroom.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.support.TransactionSynchronization;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;

/**
 * Jobs that ended ({@code darkroom_job_duration_seconds{status}}, created to finished) and recovery's interventions
 * ({@code darkroom_recoveries_total{reason}}). A job's end is counted once its transaction commits: a transaction
 * rolled back (and its webhook redelivered) must not count the job twice.
 */
@Singleton
public class JobMetrics {

    private static final Duration[] DURATION_BUCKETS = {
            Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30),
            Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(5), Duration.ofMinutes(10),
            Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(3)};

    /** What recovery found, each counted from zero so that a rate over it exists before the first one. */
    private static final String[] RECOVERY_REASONS = {"lost", "pulled", "stalled", "incomplete"};

    private final MeterRegistry registry;
    private final TransactionOperations<Connection> tx;

    public JobMetrics(MeterRegistry registry, TransactionOperations<Connection> tx) {
        this.registry = registry;
        this.tx = tx;
        for (String reason : RECOVERY_REASONS) {
            recoveries(reason);
        }
    }

    /** A job reached the terminal {@code status} (its wire name) in the current transaction. */
    public void ended(String status, Instant createdAt, Instant finishedAt) {
        Runnable record = () -> Timer.builder("darkroom.job.duration")
                .description("Jobs that ended, by status, from creation to their end")
                .tag("status", status)
                .serviceLevelObjectives(DURATION_BUCKETS)
                .register(registry)
                .record(Duration.between(createdAt, finishedAt));
        tx.findTransactionStatus().ifPresentOrElse(transaction -> transaction.registerSynchronization(
                new TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        record.run();
                    }
                }), record);
    }

    /** Recovery stepped in for a job, for {@code reason}. */
    public void recovered(String reason) {
        recoveries(reason).increment();
    }

    private Counter recoveries(String reason) {
        return Counter.builder("darkroom.recoveries")
                .description("Recovery's interventions for quiet runs, by what it found: a run its worker lost, "
                        + "outcomes pulled that the webhooks missed, a run alive without progress, a run that ended "
                        + "with images missing")
                .tag("reason", reason)
                .register(registry);
    }
}
