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
import java.util.function.IntSupplier;

/**
 * Keeps every table from growing without bound. Deleted, oldest first:
 * <ul>
 *   <li>terminal jobs older than {@code darkroom.recovery.retention}, and with each job everything of it (ON DELETE
 *   CASCADE): its image tasks and images, dispatches, {@code job_events}, trace context, callback and callback
 *   attempts;</li>
 *   <li>provider predictions as old;</li>
 *   <li>webhook receipts after twice the signature tolerance. A receipt only saves work: a worker retrying an event
 *   signs it afresh under the same webhook-id, so it may pass again after its receipt is gone, and is then applied
 *   again to no effect, because every update is idempotent.</li>
 * </ul>
 * Each kind goes {@code darkroom.recovery.prune-batch} rows per statement, each statement its own transaction, until
 * a batch comes back short: every batch is a range of an index (V12), and no pass holds a long transaction or many
 * locks, however much has piled up. Idle shared token buckets are cleared by {@code limit.SharedLimits}; the other
 * limit tables hold a row per provider slot and per provider.
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
        int batch = properties.pruneBatch();
        int deletedJobs = inBatches(() -> jobs.deleteFinishedBefore(cutoff, batch));
        int deletedPredictions = inBatches(() -> predictions.deleteCreatedBefore(cutoff, batch));
        int deletedReceipts = inBatches(() -> receipts.deleteReceivedBefore(now.minus(receiptAge), batch));
        if (deletedJobs > 0 || deletedPredictions > 0 || deletedReceipts > 0) {
            LOG.info("retention: deleted {} jobs finished more than {} ago, {} provider predictions and {} webhook "
                    + "receipts", deletedJobs, properties.retention(), deletedPredictions, deletedReceipts);
        }
    }

    /** Runs one bounded delete per transaction until one deletes less than a full batch; how many went. */
    private int inBatches(IntSupplier deleteOneBatch) {
        int total = 0;
        int deleted;
        do {
            deleted = tx.executeWrite(status -> deleteOneBatch.getAsInt());
            total += deleted;
        } while (deleted >= properties.pruneBatch());
        return total;
    }
}
