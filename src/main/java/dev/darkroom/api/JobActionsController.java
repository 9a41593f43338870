package dev.darkroom.api;

import dev.darkroom.security.Scopes;
import dev.darkroom.status.JobView;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;


/**
 * Retry, cancel and a callback sent again, for the game backend ({@code jobs:write}) and operators
 * ({@code ops:write}); a fresh poll token, for the game backend alone.
 */
@Controller("/v1/jobs/{jobId}")
@SecurityRequirement(name = "bearer")
@Requires(property = "darkroom.roles.initiator", notEquals = "false")
@ExecuteOn(TaskExecutors.BLOCKING)
public class JobActionsController {

    private final JobCommands commands;

    public JobActionsController(JobCommands commands) {
        this.commands = commands;
    }

    /** 202: the images that did not succeed are being made again. 409 while the job is active or complete. */
    @ApiResponse(responseCode = "202", description = "The images that did not succeed are being made again.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobView.class)))
    @ApiResponse(responseCode = "401", ref = "Unauthorized")
    @ApiResponse(responseCode = "403", ref = "Forbidden")
    @ApiResponse(responseCode = "404", ref = "NotFound")
    @ApiResponse(responseCode = "409", ref = "Conflict")
    @Secured({Scopes.JOBS_WRITE, Scopes.OPS_WRITE})
    @Post(uri = "/retry", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<JobView> retry(String jobId) {
        return HttpResponse.accepted().header(HttpHeaders.LOCATION, "/v1/jobs/" + jobId).body(commands.retry(jobId));
    }

    /**
     * 202: the job's completion callback goes out again, the same event under the same webhook-id, its retries
     * counted anew. 404 when the job has none; 409 while the job is active.
     */
    @ApiResponse(responseCode = "202", description = "The job's callback is due again; its attempts show in the view.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobView.class)))
    @ApiResponse(responseCode = "401", ref = "Unauthorized")
    @ApiResponse(responseCode = "403", ref = "Forbidden")
    @ApiResponse(responseCode = "404", ref = "NotFound")
    @ApiResponse(responseCode = "409", ref = "Conflict")
    @Secured({Scopes.JOBS_WRITE, Scopes.OPS_WRITE})
    @Post(uri = "/callback/redeliver", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<JobView> redeliverCallback(String jobId) {
        return HttpResponse.accepted().header(HttpHeaders.LOCATION, "/v1/jobs/" + jobId)
                .body(commands.redeliverCallback(jobId));
    }

    /** A fresh poll token for the job, for a player whose token expired or after the JWT secret was rotated. */
    @ApiResponse(responseCode = "401", ref = "Unauthorized")
    @ApiResponse(responseCode = "403", ref = "Forbidden")
    @ApiResponse(responseCode = "404", ref = "NotFound")
    @Secured(Scopes.JOBS_WRITE)
    @Post(uri = "/poll-token", produces = MediaType.APPLICATION_JSON)
    public PollToken pollToken(String jobId) {
        return new PollToken(jobId, commands.pollToken(jobId));
    }

    /** A token that reads this one job and its images, for a player's client. */
    @Serdeable
    public record PollToken(String jobId, String pollToken) {
    }

    /** 200: the job is canceled and its run told to stop; later events change nothing. 409 once it has ended. */
    @ApiResponse(responseCode = "200", description = "The job is canceled.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobView.class)))
    @ApiResponse(responseCode = "401", ref = "Unauthorized")
    @ApiResponse(responseCode = "403", ref = "Forbidden")
    @ApiResponse(responseCode = "404", ref = "NotFound")
    @ApiResponse(responseCode = "409", ref = "Conflict")
    @Secured({Scopes.JOBS_WRITE, Scopes.OPS_WRITE})
    @Post(uri = "/cancel", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<JobView> cancel(String jobId) {
        return HttpResponse.ok(commands.cancel(jobId));
    }
}
