package dev.darkroom.ops;

import io.micronaut.core.annotation.Introspected;

/** How many jobs are in one status, as the column stores it. */
@Introspected
public record StatusCount(String status, long jobCount) {
}
