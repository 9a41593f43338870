package dev.darkroom.recovery;

import dev.darkroom.job.JobRepository;
import dev.darkroom.webhook.WebhookProperties;
import dev.darkroom.webhook.WebhookReceiptRepository;
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
 * with them), and webhook receipts too old to matter: a webhook older than the signature tolerance is refused
 * as stale anyway, so its receipt no longer guards anything.
 */
@Singleton
@Requires(property = "darkroom.roles.recovery", notEquals = "false")
public class Retention {

    private static final Logger LOG = LoggerFactory.getLogger(Retention.class);

    private final JobRepository jobs;
    private final WebhookReceiptRepository receipts;
    private final TransactionOperations<Connection> tx;
    private final RecoveryProperties properties;
    private final Duration receiptAge;
    private final Clock clock;

    public Retention(JobRepository jobs, WebhookReceiptRepository receipts, TransactionOperations<Connection> tx,
                     RecoveryProperties properties, WebhookProperties webhooks, Clock clock) {
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
            Instant now = clock.instant();
            int deletedJobs = tx.executeWrite(status -> jobs.deleteFinishedBefore(now.minus(properties.retention())));
            int deletedReceipts = tx.executeWrite(status -> receipts.deleteReceivedBefore(now.minus(receiptAge)));
            if (deletedJobs > 0 || deletedReceipts > 0) {
                LOG.info("retention: deleted {} jobs finished more than {} ago and {} old webhook receipts",
                        deletedJobs, properties.retention(), deletedReceipts);
            }
        } catch (RuntimeException e) {
            LOG.error("retention pass failed; the next one tries again", e);
        }
    }
}
