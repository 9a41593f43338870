package dev.darkroom.job.events;

/** Published on this node once a transaction that wrote events to a job's history has committed. */
public record EventsWritten(String jobId) {
}
