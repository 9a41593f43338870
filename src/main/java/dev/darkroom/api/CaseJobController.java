package dev.darkroom.api;

import dev.darkroom.job.JobService;
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

/**
 * The initiator: takes a case's image request, records the job and answers before any image is made. The answer
 * carries a poll token for the player's client, which can read this one job and nothing else. The body comes as
 * bytes because an Idempotency-Key is bound to them exactly.
 */
@Controller("/v1/cases")
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

    @Post(uri = "/{caseId}/image-jobs", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<JobView> create(String caseId, @Nullable @Body byte[] body,
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
