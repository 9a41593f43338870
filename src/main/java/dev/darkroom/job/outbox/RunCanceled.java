package dev.darkroom.job.outbox;

import io.micronaut.core.annotation.Nullable;

/**
 * Published after a job was canceled: the worker that took its run should stop it. Only a courtesy to the worker;
 * once the job is canceled, whatever its run still reports changes nothing.
 *
 * @param worker the address the worker that accepted the run gave, if it gave one
 */
public record RunCanceled(String jobId, String runId, @Nullable String worker) {
}
