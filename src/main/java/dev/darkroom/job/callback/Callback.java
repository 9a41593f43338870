package dev.darkroom.job.callback;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Version;

import java.time.Instant;

/** A job's completion callback and the outbox of its one event ({@code job.finished}). */
@MappedEntity("callbacks")
public record Callback(
        @Id String jobId,
        String url,
        CallbackStatus status,
        @Nullable String messageId,
        @Nullable String payload,
        @Nullable Instant dueAt,
        @Nullable Instant endedAt,
        int tries,
        @Version Long version) {

    public static Callback waiting(String jobId, String url) {
        return new Callback(jobId, url, CallbackStatus.WAITING, null, null, null, null, 0, 0L);
    }

    /** The job ended: a new event, due now, with its own id and a body made at its first attempt. */
    public Callback ended(String newMessageId, Instant now) {
        return new Callback(jobId, url, CallbackStatus.DUE, newMessageId, null, now, now, 0, version);
    }

    /** Taken by one delivery loop until {@code until}; a node that dies meanwhile leaves it due again then. */
    public Callback claimed(Instant until) {
        return new Callback(jobId, url, status, messageId, payload, until, endedAt, tries, version);
    }

    public Callback withPayload(String body) {
        return new Callback(jobId, url, status, messageId, body, dueAt, endedAt, tries, version);
    }

    public Callback delivered() {
        return new Callback(jobId, url, CallbackStatus.DELIVERED, messageId, payload, null, endedAt, tries + 1, version);
    }

    public Callback retryAt(Instant next) {
        return new Callback(jobId, url, CallbackStatus.DUE, messageId, payload, next, endedAt, tries + 1, version);
    }

    public Callback gaveUp() {
        return new Callback(jobId, url, CallbackStatus.GAVE_UP, messageId, payload, null, endedAt, tries + 1, version);
    }

    /** Sent again on request: the same event (same id, same body), its retries counted anew from now. */
    public Callback redeliver(Instant now) {
        return new Callback(jobId, url, CallbackStatus.DUE, messageId, payload, now, now, 0, version);
    }
}
