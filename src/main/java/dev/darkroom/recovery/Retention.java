package dev.darkroom.recovery;

import dev.darkroom.job.JobRepository;
import dev.darkroom.job.WebhookReceiptRepository;
import dev.darkroom.provider.prediction.PredictionRepository;
import dev.darkroom.security.WebhookProperties;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Deletes terminal jobs older than {@code darkroom.recovery.retention} (their tasks, images and dispatches go
 * with them), provider predictions as old, and webhook receipts after twice the signature tolerance. A receipt
 * only saves work: a worker retrying an event signs it afresh under the same webhook-id, so it may pass again
 * after its receipt is gone, and is then applied again to no effect, because every update is idempotent.
 */
@Singleton
@Requires(property = "darkroom.roles.recovery", notEquals = "false")
public class Retention {

    private static final Logger LOG = LoggerFactory.getLogger(Retention.class);

    private final JobRepository jobs;
    private final WebhookReceiptRepository receipts;
    private final PredictionRepository predictions;
    private final TransactionOperations<Connection> tx;
    private final RecoveryProperties properties;
    private final Duration receiptAge;
    private final Clock clock;

    public Retention(JobRepository jobs, WebhookReceiptRepository receipts, PredictionRepository predictions,
                     TransactionOperations<Connection> tx, RecoveryProperties properties, WebhookProperties webhooks,
                     Clock clock) {
        this.predictions = predictions;
        this.jobs = jobs;
        this.receipts = receipts;
        this.tx = tx;
        this.properties = properties;
        this.receiptAge = webhooks.tolerance().multipliedBy(2);
        this.clock = clock;
    }

    @Scheduled(fixedDelay = "${darkroom.recovery.prune-interval:1h}", initialDelay = "1m")
    public void prune() {
        try {
            pruneAsOf(clock.instant());
        } catch (RuntimeException e) {
            LOG.error("retention pass failed; the next one tries again", e);
        }
    }

    /** One pass as if it were {@code now}. */
    void pruneAsOf(Instant now) {
        Instant cutoff = now.minus(properties.retention());
        int deletedJobs = tx.executeWrite(status -> jobs.deleteFinishedBefore(cutoff));
        int deletedPredictions = tx.executeWrite(status -> predictions.deleteCreatedBefore(cutoff));
        int deletedReceipts = tx.executeWrite(status -> receipts.deleteReceivedBefore(now.minus(receiptAge)));
        if (deletedJobs > 0 || deletedPredictions > 0 || deletedReceipts > 0) {
            LOG.info("retention: deleted {} jobs finished more than {} ago, {} provider predictions and {} webhook "
                    + "receipts", deletedJobs, properties.retention(), deletedPredictions, deletedReceipts);
        }
    }
}
