package dev.darkroom.run;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * What a dispatcher sends a worker: the images of one run of a job, only those not yet done. Each id is bounded by
 * the column it reaches on either side (provider_predictions, image_tasks), so an over-long one is a 400 at the
 * worker's door rather than a database error in the middle of the run.
 */
@Serdeable
public record RunRequest(
        @RequiredText(max = EventBounds.JOB_ID) String jobId,
        @Nullable @Size(max = EventBounds.CASE_ID, message = EventBounds.TOO_LONG) @Storable String caseId,
        @RequiredText(max = EventBounds.RUN_ID) String runId,
        int attempt,
        @NotEmpty(message = "must list at least one image")
        List<@NotNull(message = EventBounds.REQUIRED) @Valid ImageSpec> images) {
}
