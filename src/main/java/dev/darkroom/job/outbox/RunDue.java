package dev.darkroom.job.outbox;

/**
 * Published after a commit that made a job's run due (a new job, a retry): a dispatcher in this process may send it
 * at once instead of at its next poll. Only a hint; the due dispatch row is what makes the run go out.
 */
public record RunDue(String jobId, String runId) {
}
