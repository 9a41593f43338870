package dev.darkroom.api;

import dev.darkroom.job.JobService;
import dev.darkroom.problem.Problem;
import dev.darkroom.security.Scopes;
import dev.darkroom.status.JobView;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;

/**
 * The initiator: takes a case's image request, records the job and answers before any image is made. The answer
 * carries a poll token for the player's client, which can read this one job and nothing else. The body comes as
 * bytes because an Idempotency-Key is bound to them exactly.
 */
@Controller("/v1/cases")
@SecurityRequirement(name = "bearer")
@Secured(Scopes.JOBS_WRITE)
@Requires(property = "darkroom.roles.initiator", notEquals = "false")
@ExecuteOn(TaskExecutors.BLOCKING)
public class CaseJobController {

    private final JobCreation creation;
    private final ApiProperties properties;

    public CaseJobController(JobCreation creation, ApiProperties properties) {
        this.creation = creation;
        this.properties = properties;
    }

    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CaseRequest.class)))
    @ApiResponse(responseCode = "202", description = "The job is recorded; Location names it.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobView.class)))
    @ApiResponse(responseCode = "200", description = "The case already has an active job: this is it.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobView.class)))
    @ApiResponse(responseCode = "400", ref = "BadRequest")
    @ApiResponse(responseCode = "401", ref = "Unauthorized")
    @ApiResponse(responseCode = "403", ref = "Forbidden")
    @ApiResponse(responseCode = "409", ref = "Conflict")
    @ApiResponse(responseCode = "413", ref = "TooLarge")
    // Written out once, so that the document holds problem.Problem itself; the other answers refer to it.
    @ApiResponse(responseCode = "422", ref = "Invalid",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "429", ref = "TooManyRequests")
    @Post(uri = "/{caseId}/image-jobs", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<JobView> create(String caseId, @Parameter(hidden = true) @Nullable @Body byte[] body,
                                        @Nullable @Header("Idempotency-Key") String idempotencyKey,
                                        Authentication caller) {
        JobCreation.Created created = creation.create(caseId, body, idempotencyKey, caller.getName());
        HttpStatus status = created.outcome() == JobService.Outcome.ACTIVE ? HttpStatus.OK : HttpStatus.ACCEPTED;
        return HttpResponse.<JobView>status(status)
                .header(HttpHeaders.LOCATION, "/v1/jobs/" + created.view().jobId())
                .header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, properties.retryAfter().toSeconds())))
                .body(created.view());
    }
}
