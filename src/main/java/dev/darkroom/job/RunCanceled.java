package dev.darkroom.job;

/**
 * Published after a job was canceled: the worker that took its run, if any did, should stop it. Only a courtesy to
 * the worker; once the job is canceled, whatever its run still reports changes nothing.
 */
public record RunCanceled(String jobId, String runId) {
}
