package dev.darkroom.provider;

import dev.darkroom.run.ImageKind;
import dev.darkroom.run.ImageSpec;

/** One picture to make, for one run of a job: the run it belongs to (for callbacks and logs) and the image. */
public record ImageRequest(String jobId, String runId, ImageSpec image) {

    public String imageId() {
        return image.imageId();
    }

    public ImageKind kind() {
        return image.kind();
    }

    public String prompt() {
        return image.prompt();
    }
}
