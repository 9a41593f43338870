package dev.darkroom.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/**
 * An event from a worker, in the Standard Webhooks envelope ({@code type}, {@code timestamp}, {@code data}).
 * Events are deltas: an image's bytes travel once, in its own {@code image.succeeded}.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WebhookEvent(String type, Instant timestamp, RunEvent data) {

    /** The envelope of {@code data}, typed as its payload says. */
    public static WebhookEvent of(RunEvent data, Instant timestamp) {
        return new WebhookEvent(data.eventType(), timestamp, data);
    }
}
