package dev.darkroom.run;

import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * What a worker holds of a run, served to recovery when the run's webhooks went quiet: the outcomes as their events
 * told them, without bytes, and the images whose bytes it still holds (those whose webhook did not get through).
 */
@Serdeable
public record RunReport(String runId, String jobId, State state, List<ImageOutcome.Succeeded> succeeded,
                        List<ImageOutcome.Failed> failed, List<String> bytesHeld) {

    /** Where a run stands on its worker. */
    public enum State { RUNNING, FINISHED, CANCELED }

    /** An empty list goes over the wire left out (serde leaves empties out), and comes back empty. */
    public RunReport {
        succeeded = succeeded == null ? List.of() : List.copyOf(succeeded);
        failed = failed == null ? List.of() : List.copyOf(failed);
        bytesHeld = bytesHeld == null ? List.of() : List.copyOf(bytesHeld);
    }
}
