package dev.darkroom.job.outbox;

import dev.darkroom.TimeOrderedIds;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.Optional;

/** Writes due dispatches, always inside the transaction that creates the job or its next attempt. */
@Singleton
public class DispatchPlanner {

    private final DispatchRepository dispatches;
    private final DispatchNotices notices;
    private final Clock clock;

    public DispatchPlanner(DispatchRepository dispatches, DispatchNotices notices, Clock clock) {
        this.dispatches = dispatches;
        this.notices = notices;
        this.clock = clock;
    }

    /** The run becomes due: a dispatcher, on any node, sends it to a worker once this transaction commits. */
    public void plan(String jobId, String runId) {
        dispatches.save(Dispatch.due(TimeOrderedIds.next(), jobId, runId, clock.instant()));
        notices.runDue();
    }

    /** The address the worker that accepted this run gave for itself, if it gave one. */
    public Optional<String> workerOf(String runId) {
        return dispatches.findFirstByRunIdAndStatus(runId, DispatchStatus.SENT).map(Dispatch::workerUrl);
    }

    /** Due dispatches of the job will not be sent. */
    public void abandonDue(String jobId, String why) {
        for (Dispatch due : dispatches.lockDueOfJob(jobId)) {
            dispatches.update(due.ended(DispatchStatus.ABANDONED, why));
        }
    }

    /** A new run replaces the job's old one: whatever of the old is still due is not sent any more. */
    public void supersede(String jobId, String newRunId, String why) {
        abandonDue(jobId, why);
        plan(jobId, newRunId);
    }
}
