package dev.darkroom.support;

import dev.darkroom.run.RunEnded;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The runs whose work on this process's worker is over, by job: a test waits on this instead of on the clock. */
@Singleton
public class EndedRuns {

    private final Map<String, String> runByJob = new ConcurrentHashMap<>();

    @EventListener
    void onRunEnded(RunEnded event) {
        runByJob.put(event.jobId(), event.runId());
    }

    public Optional<String> of(String jobId) {
        return Optional.ofNullable(runByJob.get(jobId));
    }
}
