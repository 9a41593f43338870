package dev.darkroom.run;

/**
 * Published when a run's work on this worker is over, however it ended (finished, canceled, cut short): its slot
 * is free, so a dispatcher in this process may send the next run at once instead of at its next poll.
 */
public record RunEnded(String jobId, String runId) {
}
