package dev.darkroom.job;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface WebhookReceiptRepository extends CrudRepository<WebhookReceipt, String> {

    @Query("DELETE FROM webhook_receipts WHERE received_at < :cutoff")
    int deleteReceivedBefore(Instant cutoff);
}
