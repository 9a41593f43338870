package dev.darkroom.job;

import io.micronaut.core.annotation.Introspected;

/** How a job's images stand, read in one query: what decides whether, and how, the job ends. */
@Introspected
public record TaskCounts(long openCount, long succeededCount, long failedCount) {
}
