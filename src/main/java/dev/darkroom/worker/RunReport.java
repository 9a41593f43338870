package dev.darkroom.worker;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.math.BigDecimal;
import java.util.List;

/** What a worker holds of a run, served to recovery when the run's webhooks went quiet. */
@Serdeable
public record RunReport(String runId, String jobId, Run.State state, List<Item> outcomes) {

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

    static RunReport of(Run run) {
        List<Item> items = run.outcomes().stream().map(o -> new Item(o.imageId(), o.succeeded(),
                o.image() == null ? null : o.image().contentType(), o.image() == null ? null : o.image().width(),
                o.image() == null ? null : o.image().height(), o.sha256(), o.errorCode(), o.errorMessage(),
                o.provider(), o.cost(), o.image() != null)).toList();
        return new RunReport(run.request().runId(), run.request().jobId(), run.state(), items);
    }
}
