package dev.darkroom.api;

import dev.darkroom.job.DispatchPlanner;
import dev.darkroom.dispatch.Dispatcher;
import dev.darkroom.dispatch.WorkerClient;
import dev.darkroom.job.Job;
import dev.darkroom.job.JobActions;
import dev.darkroom.job.JobService;
import dev.darkroom.problem.ProblemException;
import dev.darkroom.security.PollTokens;
import dev.darkroom.security.Scopes;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;

import java.util.Map;
import java.util.Optional;

/** Retry, cancel and a fresh poll token, for the game backend: all need the {@code jobs:write} scope. */
@Controller("/v1/jobs/{jobId}")
@Secured(Scopes.JOBS_WRITE)
@Requires(property = "darkroom.roles.initiator", notEquals = "false")
@ExecuteOn(TaskExecutors.BLOCKING)
public class JobActionsController {

    private final JobActions actions;
    private final JobService jobs;
    private final WorkerClient worker;
    private final Optional<Dispatcher> dispatcher;
    private final PollTokens pollTokens;
    private final DispatchPlanner planner;

    public JobActionsController(JobActions actions, JobService jobs, WorkerClient worker,
                                Optional<Dispatcher> dispatcher, PollTokens pollTokens, DispatchPlanner planner) {
        this.planner = planner;
        this.pollTokens = pollTokens;
        this.actions = actions;
        this.jobs = jobs;
        this.worker = worker;
        this.dispatcher = dispatcher;
    }

    /** 202: the images that did not succeed are being made again. 409 while the job is active or complete. */
    @Post(uri = "/retry", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<JobView> retry(String jobId) {
        Job job = actions.retry(jobId);
        dispatcher.ifPresent(Dispatcher::nudge);
        return HttpResponse.accepted().header(HttpHeaders.LOCATION, "/v1/jobs/" + jobId)
                .body(JobView.of(job, jobs.tasks(jobId)));
    }

    /** A fresh poll token for the job, for a player whose token expired or after the JWT secret was rotated. */
    @Post(uri = "/poll-token", produces = MediaType.APPLICATION_JSON)
    public Map<String, String> pollToken(String jobId) {
        jobs.find(jobId).orElseThrow(() -> ProblemException.notFound("no job " + jobId));
        return Map.of("jobId", jobId, "pollToken", pollTokens.issue(jobId));
    }

    /** 200: the job is canceled and its run told to stop; later events change nothing. 409 once it has ended. */
    @Post(uri = "/cancel", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<JobView> cancel(String jobId) {
        Job job = actions.cancel(jobId);
        worker.cancel(planner.workerOf(job.runId()).orElse(null), job.runId());
        return HttpResponse.ok(JobView.of(job, jobs.tasks(jobId)));
    }
}
