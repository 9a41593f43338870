package dev.darkroom.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a worker tells the receiver about a run, one record per event type: the {@code data} of a
 * {@link WebhookEvent}. Every event names its job and run; a receiver takes each through {@link #accept}, so a new
 * type cannot be added without every handler saying what it does with it.
 */
@Schema(description = "The data of an event: the payload record its envelope's type names.",
        oneOf = {RunEvent.Started.class, RunEvent.Heartbeat.class, RunEvent.Finished.class,
                ImageOutcome.Succeeded.class, ImageOutcome.Failed.class})
public sealed interface RunEvent permits RunEvent.Started, RunEvent.Heartbeat, RunEvent.Finished, ImageOutcome {

    String RUN_STARTED = "run.started";
    String IMAGE_SUCCEEDED = "image.succeeded";
    String IMAGE_FAILED = "image.failed";
    String RUN_HEARTBEAT = "run.heartbeat";
    String RUN_FINISHED = "run.finished";

    /** The payload record of each event type, as the {@code type} of the envelope names it. */
    Map<String, Class<? extends RunEvent>> TYPES = Map.of(
            RUN_STARTED, Started.class,
            IMAGE_SUCCEEDED, ImageOutcome.Succeeded.class,
            IMAGE_FAILED, ImageOutcome.Failed.class,
            RUN_HEARTBEAT, Heartbeat.class,
            RUN_FINISHED, Finished.class);

    static Optional<Class<? extends RunEvent>> payloadOf(@Nullable String type) {
        return Optional.ofNullable(type == null ? null : TYPES.get(type));
    }

    String jobId();

    String runId();

    /** The envelope's {@code type} for this payload. */
    String eventType();

    <R> R accept(Handler<R> handler);

    /** One method per event type. */
    interface Handler<R> {
        R started(Started event);

        R heartbeat(Heartbeat event);

        R succeeded(ImageOutcome.Succeeded event);

        R failed(ImageOutcome.Failed event);

        R finished(Finished event);
    }

    /** The worker began the run. */
    @Serdeable
    record Started(
            @RequiredText(max = EventBounds.JOB_ID) String jobId,
            @RequiredText(max = EventBounds.RUN_ID) String runId) implements RunEvent {

        @Override
        public String eventType() {
            return RUN_STARTED;
        }

        @Override
        public <R> R accept(Handler<R> handler) {
            return handler.started(this);
        }
    }

    /** The run is still at work, though no image came of it lately. */
    @Serdeable
    record Heartbeat(
            @RequiredText(max = EventBounds.JOB_ID) String jobId,
            @RequiredText(max = EventBounds.RUN_ID) String runId) implements RunEvent {

        @Override
        public String eventType() {
            return RUN_HEARTBEAT;
        }

        @Override
        public <R> R accept(Handler<R> handler) {
            return handler.heartbeat(this);
        }
    }

    /**
     * The run's last word: which images it made and which it could not. A failure is named here as well as in its
     * own event, so that one lost {@code image.failed} does not leave the image open.
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Finished(
            @RequiredText(max = EventBounds.JOB_ID) String jobId,
            @RequiredText(max = EventBounds.RUN_ID) String runId,
            @Nullable List<@RequiredText(max = EventBounds.IMAGE_ID) String> succeeded,
            @Nullable List<@NotNull(message = EventBounds.REQUIRED) @Valid Failure> failed) implements RunEvent {

        @Override
        public String eventType() {
            return RUN_FINISHED;
        }

        @Override
        public <R> R accept(Handler<R> handler) {
            return handler.finished(this);
        }

        /** An image of the run that failed, and why. */
        @Serdeable
        public record Failure(
                @RequiredText(max = EventBounds.IMAGE_ID) String imageId,
                @NotNull(message = EventBounds.REQUIRED) @Valid ImageOutcome.Error error) {
        }
    }
}
