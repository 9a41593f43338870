package dev.darkroom.job.outbox;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * How runs reach a worker.
 *
 * @param workerUrl      base URL of the worker role; empty means this process
 * @param pollInterval   how often due dispatches are looked for (new jobs also wake the dispatcher at once)
 * @param batchSize      dispatches claimed per poll
 * @param lease          how long a claimed dispatch is held by its sender before another may take it; longer than
 *                       the HTTP client's read timeout (30 s), so a slow send is never repeated by another node
 * @param maxTries       failed sends of one run (unreachable or erring worker) before the attempt is given up; a
 *                       busy worker's answer is not a failed send
 * @param initialBackoff first wait after a failed send; doubles each time
 * @param maxBackoff     cap on that wait
 * @param maxAttempts    runs per job (the first plus re-dispatches) before open images fail as "worker lost"
 * @param busyPause      how long sending stops after a busy answer (429, 503) that gave no Retry-After
 * @param maxBusyPause   cap on a busy worker's Retry-After
 * @param enabled        false: this node's dispatcher sends nothing and leaves every due run to the dispatchers of
 *                       other nodes (it still passes cancels on to workers)
 */
@ConfigurationProperties("darkroom.dispatch")
public record DispatchProperties(
        @Nullable String workerUrl,
        @Bindable(defaultValue = "1s") Duration pollInterval,
        @Bindable(defaultValue = "10") int batchSize,
        @Bindable(defaultValue = "90s") Duration lease,
        @Bindable(defaultValue = "10") int maxTries,
        @Bindable(defaultValue = "1s") Duration initialBackoff,
        @Bindable(defaultValue = "60s") Duration maxBackoff,
        @Bindable(defaultValue = "3") int maxAttempts,
        @Bindable(defaultValue = "5s") Duration busyPause,
        @Bindable(defaultValue = "60s") Duration maxBusyPause,
        @Bindable(defaultValue = "true") boolean enabled) {
}
