package dev.darkroom.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;

/**
 * What came of one image of a run: made, or not. The same record is the {@code image.succeeded} or
 * {@code image.failed} event, what the worker holds for recovery, and what the job applies, however it arrived.
 */
public sealed interface ImageOutcome extends RunEvent permits ImageOutcome.Succeeded, ImageOutcome.Failed {

    String imageId();

    /**
     * The image was made. {@code data} is the picture in base64 on the wire; a worker's report to recovery leaves it
     * out, and recovery fetches the bytes on their own.
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Succeeded(
            @RequiredText(max = EventBounds.JOB_ID) String jobId,
            @RequiredText(max = EventBounds.RUN_ID) String runId,
            @Nullable Integer seq,
            @RequiredText(max = EventBounds.IMAGE_ID) String imageId,
            @NotNull(message = EventBounds.REQUIRED) String contentType,
            @NotNull(message = EventBounds.REQUIRED) Integer width,
            @NotNull(message = EventBounds.REQUIRED) Integer height,
            /* hex digest of the decoded bytes */
            @NotNull(message = EventBounds.REQUIRED) String sha256,
            @NotNull(message = EventBounds.REQUIRED) String data,
            /* the provider that made it */
            @Nullable @Size(max = EventBounds.PROVIDER, message = EventBounds.TOO_LONG) @Storable String provider,
            /* its price, as configured on the worker */
            @Nullable BigDecimal cost) implements ImageOutcome {

        @Override
        public String eventType() {
            return IMAGE_SUCCEEDED;
        }

        @Override
        public <R> R accept(Handler<R> handler) {
            return handler.succeeded(this);
        }

        /** The outcome without its bytes, as a worker keeps and reports it once the bytes are held apart. */
        public Succeeded withoutData() {
            return new Succeeded(jobId, runId, seq, imageId, contentType, width, height, sha256, null, provider,
                    cost);
        }
    }

    /** The image could not be made on this attempt. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Failed(
            @RequiredText(max = EventBounds.JOB_ID) String jobId,
            @RequiredText(max = EventBounds.RUN_ID) String runId,
            @Nullable Integer seq,
            @RequiredText(max = EventBounds.IMAGE_ID) String imageId,
            @NotNull(message = EventBounds.REQUIRED) @Valid Error error) implements ImageOutcome {

        @Override
        public String eventType() {
            return IMAGE_FAILED;
        }

        @Override
        public <R> R accept(Handler<R> handler) {
            return handler.failed(this);
        }
    }

    /**
     * Why an image failed. The message is clipped to its column when stored, so it is bounded by the body alone;
     * but a NUL never stores.
     */
    @Serdeable
    record Error(
            @Nullable @Size(max = EventBounds.ERROR_CODE, message = EventBounds.TOO_LONG) @Storable String code,
            @Nullable @Storable String message,
            boolean retryable) {
    }
}
