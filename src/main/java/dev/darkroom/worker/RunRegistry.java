package dev.darkroom.worker;

import dev.darkroom.run.RunReport;
import dev.darkroom.run.RunRequest;
import dev.darkroom.run.WorkerSlots;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The runs this worker has taken, running or ended. An ended run is kept until every outcome reached the
 * receiver, or for {@code darkroom.worker.outcome-retention} at most, so recovery can still pull it. It is work
 * in progress, not state: if the worker dies with it, the job's open images are simply dispatched again.
 */
@Singleton
@Requires(property = "darkroom.roles.worker", notEquals = "false")
public class RunRegistry implements WorkerSlots {

    private final Map<String, Run> runs = new ConcurrentHashMap<>();
    private final WorkerProperties properties;

    public RunRegistry(WorkerProperties properties) {
        this.properties = properties;
    }

    /** What came of offering a run to this worker. */
    public enum Admission { STARTED, ALREADY_HERE, FULL, DRAINING }

    private boolean draining;

    /**
     * Takes the run unless this worker already has it or already runs {@code darkroom.worker.max-runs}; one lock,
     * so two runs arriving together cannot both squeeze past the limit.
     */
    synchronized Admission admit(RunRequest request, java.util.function.Consumer<Run> start) {
        if (runs.containsKey(request.runId())) {
            return Admission.ALREADY_HERE;
        }
        if (draining) {
            return Admission.DRAINING;
        }
        if (running() >= properties.maxRuns()) {
            return Admission.FULL;
        }
        Run run = new Run(request);
        runs.put(request.runId(), run);
        start.accept(run);
        return Admission.STARTED;
    }

    /** Takes no run from now on; returns those running, under the same lock, so none slips in after. */
    synchronized List<Run> drain() {
        draining = true;
        return runs.values().stream().filter(r -> r.state() == RunReport.State.RUNNING).toList();
    }

    public Optional<Run> find(String runId) {
        return Optional.ofNullable(runs.get(runId));
    }

    public long running() {
        return runs.values().stream().filter(r -> r.state() == RunReport.State.RUNNING).count();
    }

    @Override
    public long freeSlots() {
        return properties.maxRuns() - running();
    }

    void forget(String runId) {
        runs.remove(runId);
    }

    @Scheduled(fixedDelay = "1m", initialDelay = "1m")
    void prune() {
        Instant cutoff = Instant.now().minus(properties.outcomeRetention());
        runs.values().removeIf(run -> run.endedAt() != null
                && (run.allDelivered() || run.endedAt().isBefore(cutoff)));
    }
}
