package dev.darkroom.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.math.BigDecimal;
import java.util.List;

/** What a worker holds of a run, served to recovery when the run's webhooks went quiet. */
@Serdeable
public record RunReport(String runId, String jobId, State state, List<Item> outcomes) {

    /** Where a run stands on its worker. */
    public enum State { RUNNING, FINISHED, CANCELED }

    /** A run with no outcome yet goes over the wire without the empty list (serde leaves empties out). */
    public RunReport {
        outcomes = outcomes == null ? List.of() : List.copyOf(outcomes);
    }

    /** One outcome; {@code bytesHeld} says whether its image can still be fetched from the worker. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Item(String imageId, boolean succeeded, @Nullable String contentType, @Nullable Integer width,
                       @Nullable Integer height, @Nullable String sha256, @Nullable String errorCode,
                       @Nullable String errorMessage, @Nullable String provider, @Nullable BigDecimal cost,
                       boolean bytesHeld) {
    }
}
