package dev.darkroom.run;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotNull;

/**
 * One picture a job asks for, as every role sees it: the API takes it from the case, the job stores it, the
 * dispatcher sends it in a run, and the worker hands it to a provider. A name or description has no length bound
 * here: the API bounded it by its own (configurable) limits, and a worker takes whatever it accepted, within the
 * run's body limit; refusing more would fail a job the API took.
 */
@Serdeable
public record ImageSpec(
        @RequiredText(max = EventBounds.IMAGE_ID) String imageId,
        @NotNull(message = EventBounds.REQUIRED) ImageKind kind,
        @Nullable @Storable String name,
        @Nullable @Storable String description) {

    /** The prompt a text-to-image model gets. */
    public String prompt() {
        String subject = kind == ImageKind.EVIDENCE
                ? "Evidence photograph of " + name + ", a single object on a neutral background"
                : "Moody establishing shot of " + name;
        return description == null || description.isBlank() ? subject : subject + ". " + description;
    }
}
