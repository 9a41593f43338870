package dev.darkroom.run;

import io.micronaut.serde.annotation.Serdeable;

/**
 * One picture a job asks for, as every role sees it: the API takes it from the case, the job stores it, the
 * dispatcher sends it in a run, and the worker hands it to a provider.
 */
@Serdeable
public record ImageSpec(String imageId, ImageKind kind, String name, String description) {

    /** The prompt a text-to-image model gets. */
    public String prompt() {
        String subject = kind == ImageKind.EVIDENCE
                ? "Evidence photograph of " + name + ", a single object on a neutral background"
                : "Moody establishing shot of " + name;
        return description == null || description.isBlank() ? subject : subject + ". " + description;
    }
}
