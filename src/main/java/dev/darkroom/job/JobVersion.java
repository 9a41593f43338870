package dev.darkroom.job;

import io.micronaut.core.annotation.Introspected;

/**
 * What a poll needs to know whether its copy of a job's view is current: the row's version, which every change
 * of the job or of one of its images moves, and whether the job has ended.
 */
@Introspected
public record JobVersion(String id, JobStatus status, long version) {
}
