package dev.darkroom.provider;

import dev.darkroom.job.ImageKind;

/** One picture to make, for one image of one run of a job. */
public record ImageRequest(String jobId, String runId, String imageId, ImageKind kind, String name,
                           String description) {

    /** The prompt a text-to-image model gets. */
    public String prompt() {
        String subject = kind == ImageKind.EVIDENCE
                ? "Evidence photograph of " + name + ", a single object on a neutral background"
                : "Moody establishing shot of " + name;
        return description == null || description.isBlank() ? subject : subject + ". " + description;
    }
}
