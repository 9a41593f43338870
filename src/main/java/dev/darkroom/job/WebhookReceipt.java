package dev.darkroom.job;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** A webhook already applied, so that a redelivery is acknowledged without being applied again. */
@MappedEntity("webhook_receipts")
public record WebhookReceipt(@Id String webhookId, String jobId, Instant receivedAt) {
}
