package dev.darkroom.job.events;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;

/** The {@code data} of each event on a job's stream, as docs/api.md describes them. */
public final class EventPayloads {

    private EventPayloads() {
    }

    @Serdeable
    public record Status(String jobId, String status, int attempt, int total, int succeeded, int failed, int open,
                         int percent) {
    }

    @Serdeable
    public record ImageSucceeded(String jobId, String imageId, String url, String contentType, int width, int height,
                                 int bytes, @Nullable String provider) {
    }

    @Serdeable
    public record ImageFailed(String jobId, String imageId, String code, String message) {
    }

    @Serdeable
    public record Finished(String jobId, String status, int total, int succeeded, int failed,
                           @Nullable String failureReason, @Nullable Instant finishedAt, List<Image> images) {
    }

    /** A new attempt, and why the one before it was given up. */
    @Serdeable
    public record Attempt(String jobId, int attempt, String reason) {
    }

    @Serdeable
    public record Image(String imageId, String status, @Nullable String url, @Nullable Error error) {
    }

    @Serdeable
    public record Error(String code, String message) {
    }
}
