package dev.darkroom.api;

import dev.darkroom.callback.CallbackRedelivery;
import dev.darkroom.job.Job;
import dev.darkroom.job.JobActions;
import dev.darkroom.job.outbox.DispatchPlanner;
import dev.darkroom.job.outbox.RunCanceled;
import dev.darkroom.job.outbox.RunDue;
import dev.darkroom.problem.ProblemException;
import dev.darkroom.security.PollTokens;
import dev.darkroom.status.JobQueries;
import dev.darkroom.status.JobView;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventPublisher;
import jakarta.inject.Singleton;

/**
 * What the game backend does to a job it created: retry it, cancel it, or get a fresh poll token for it. A retried
 * job's run and a canceled job's stop are announced as events, for whichever part of this process sends runs.
 */
@Singleton
@Requires(property = "darkroom.roles.initiator", notEquals = "false")
public class JobCommands {

    private final JobActions actions;
    private final JobQueries queries;
    private final DispatchPlanner planner;
    private final PollTokens pollTokens;
    private final ApplicationEventPublisher<RunDue> due;
    private final ApplicationEventPublisher<RunCanceled> canceled;
    private final CallbackRedelivery callbacks;

    public JobCommands(JobActions actions, JobQueries queries, DispatchPlanner planner, PollTokens pollTokens,
                       ApplicationEventPublisher<RunDue> due, ApplicationEventPublisher<RunCanceled> canceled,
                       CallbackRedelivery callbacks) {
        this.callbacks = callbacks;
        this.actions = actions;
        this.queries = queries;
        this.planner = planner;
        this.pollTokens = pollTokens;
        this.due = due;
        this.canceled = canceled;
    }

    /** The images that did not succeed are made again, as a fresh run that goes out at once. */
    public JobView retry(String jobId) {
        Job job = actions.retry(jobId);
        due.publishEvent(new RunDue(jobId, job.runId()));
        return JobView.of(job, queries.tasks(jobId));
    }

    /** The job ends canceled, and the worker that has its run is told to stop. */
    public JobView cancel(String jobId) {
        Job job = actions.cancel(jobId);
        canceled.publishEvent(new RunCanceled(jobId, job.runId(), planner.workerOf(job.runId()).orElse(null)));
        return JobView.of(job, queries.tasks(jobId));
    }

    /** The job's completion callback goes out again. */
    public JobView redeliverCallback(String jobId) {
        callbacks.redeliver(jobId);
        return queries.job(jobId).map(JobView::of).orElseThrow(() -> ProblemException.notFound("no job " + jobId));
    }

    public String pollToken(String jobId) {
        queries.job(jobId).orElseThrow(() -> ProblemException.notFound("no job " + jobId));
        return pollTokens.issue(jobId);
    }
}
