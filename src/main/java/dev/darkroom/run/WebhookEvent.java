package dev.darkroom.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Creator;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * An event from a worker, in the Standard Webhooks envelope ({@code type}, {@code timestamp}, {@code data}).
 * Events are deltas: an image's bytes travel once, in its own {@code image.succeeded}.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WebhookEvent(String type, Instant timestamp, Data data) {

    public static final String RUN_STARTED = "run.started";
    public static final String IMAGE_SUCCEEDED = "image.succeeded";
    public static final String IMAGE_FAILED = "image.failed";
    public static final String RUN_HEARTBEAT = "run.heartbeat";
    public static final String RUN_FINISHED = "run.finished";

    /** Fields by event: every event has jobId and runId; the rest belong to the types named beside them. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Data(
            String jobId,
            String runId,
            @Nullable Integer seq,                 // image.*: order of the outcome within the run
            @Nullable String imageId,              // image.*
            @Nullable String contentType,          // image.succeeded
            @Nullable Integer width,               // image.succeeded
            @Nullable Integer height,              // image.succeeded
            @Nullable String sha256,               // image.succeeded: hex digest of the decoded bytes
            @Nullable String data,                 // image.succeeded: the image, base64
            @Nullable Error error,                 // image.failed
            @Nullable List<String> succeeded,      // run.finished
            @Nullable List<FailedImage> failed,    // run.finished
            @Nullable String provider,             // image.succeeded: the provider that made it
            @Nullable BigDecimal cost) {           // image.succeeded: its price, as configured on the worker

        @Creator
        public Data {
        }

        /** The fields every worker sent before images named their provider. */
        public Data(String jobId, String runId, @Nullable Integer seq, @Nullable String imageId,
                    @Nullable String contentType, @Nullable Integer width, @Nullable Integer height,
                    @Nullable String sha256, @Nullable String data, @Nullable Error error,
                    @Nullable List<String> succeeded, @Nullable List<FailedImage> failed) {
            this(jobId, runId, seq, imageId, contentType, width, height, sha256, data, error, succeeded, failed, null,
                    null);
        }

        public static Data run(String jobId, String runId) {
            return new Data(jobId, runId, null, null, null, null, null, null, null, null, null, null);
        }
    }

    @Serdeable
    public record Error(String code, String message, boolean retryable) {
    }

    @Serdeable
    public record FailedImage(String imageId, Error error) {
    }
}
