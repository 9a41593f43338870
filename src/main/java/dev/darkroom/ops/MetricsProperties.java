package dev.darkroom.ops;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * @param stuckAfter how long a job may stay {@code generating} without progress (run started, an image outcome,
 *                   a new attempt) before {@code darkroom_jobs_stuck} counts it
 */
@ConfigurationProperties("darkroom.metrics")
public record MetricsProperties(@Bindable(defaultValue = "10m") Duration stuckAfter) {
}
