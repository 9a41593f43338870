package dev.darkroom.job;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface WebhookReceiptRepository extends CrudRepository<WebhookReceipt, String> {

    /**
     * Records the webhook-id unless it is there already, in one statement instead of a look and a write; 0 means the
     * event was applied before. Both databases take ON CONFLICT DO NOTHING (H2 in its PostgreSQL mode).
     */
    @Query("INSERT INTO webhook_receipts (webhook_id, job_id, received_at) VALUES (:webhookId, :jobId, :receivedAt) "
            + "ON CONFLICT DO NOTHING")
    int recordIfNew(String webhookId, String jobId, Instant receivedAt);

    /** At most {@code batch} of the oldest receipts from before the cutoff. */
    @Query("DELETE FROM webhook_receipts WHERE received_at < :cutoff AND webhook_id IN (SELECT webhook_id "
            + "FROM webhook_receipts WHERE received_at < :cutoff ORDER BY received_at LIMIT :batch)")
    int deleteReceivedBefore(Instant cutoff, int batch);
}
