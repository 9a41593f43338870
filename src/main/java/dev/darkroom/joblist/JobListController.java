package dev.darkroom.joblist;

import dev.darkroom.security.Scopes;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;

import java.util.List;

/** The jobs list, newest first in keyset pages, for operators ({@code ops:read}) and the game backend. */
@Controller("/v1/jobs")
@SecurityRequirement(name = "bearer")
@Secured({Scopes.OPS_READ, Scopes.JOBS_READ})
@Requires(property = "darkroom.roles.status", notEquals = "false")
@ExecuteOn(TaskExecutors.BLOCKING)
public class JobListController {

    private final JobList list;

    public JobListController(JobList list) {
        this.list = list;
    }

    /**
     * A page of jobs, newest first, each with its image counts, providers, duration and cost; {@code next} is the
     * cursor of the page after it. 400 naming {@code status}, {@code casePrefix}, {@code after} or {@code limit}.
     */
    @ApiResponse(responseCode = "200", description = "A page of jobs, newest first, and the cursor of the next.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = JobListPage.class)))
    @ApiResponse(responseCode = "400", ref = "BadRequest")
    @ApiResponse(responseCode = "401", ref = "Unauthorized")
    @ApiResponse(responseCode = "403", ref = "Forbidden")
    @Get(produces = MediaType.APPLICATION_JSON)
    public JobListPage list(
            @Parameter(description = "Statuses to show, comma-separated; all when absent")
            @Nullable @QueryValue List<String> status,
            @Parameter(description = "The start of the case id, taken literally")
            @Nullable @QueryValue String casePrefix,
            @Parameter(description = "The next of the previous page")
            @Nullable @QueryValue String after,
            @Parameter(description = "Jobs per page, 1 to 200; 50 when absent")
            @Nullable @QueryValue String limit) {
        return list.page(status, casePrefix, after, limit);
    }
}
