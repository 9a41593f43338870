package dev.darkroom.job.callback;

import dev.darkroom.StorableText;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** One try at delivering a callback: when, what came back (or what went wrong), how long it took, what is next. */
@MappedEntity("callback_attempts")
public record CallbackAttempt(
        @Id String id,
        String jobId,
        String messageId,
        Instant attemptedAt,
        @Nullable Integer statusCode,
        @Nullable String error,
        long durationMs,
        @Nullable Instant nextAttemptAt) {

    /** An error quotes the network or the backend, of any length: cut to its column, cleaned to be stored. */
    public CallbackAttempt {
        error = StorableText.clean(StorableText.fit(error, 500));
    }
}
