package dev.darkroom.run;

import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** What a dispatcher sends a worker: the images of one run of a job, only those not yet done. */
@Serdeable
public record RunRequest(String jobId, String caseId, String runId, int attempt, List<ImageSpec> images) {
}
