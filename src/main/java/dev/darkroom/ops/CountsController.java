package dev.darkroom.ops;

import dev.darkroom.security.Scopes;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;

/** The dashboard's header counts, for operators. */
@Controller("/v1/ops/counts")
@SecurityRequirement(name = "bearer")
@Secured(Scopes.OPS_READ)
@Requires(property = "darkroom.roles.status", notEquals = "false")
@ExecuteOn(TaskExecutors.BLOCKING)
public class CountsController {

    private final JobCounts counts;

    public CountsController(JobCounts counts) {
        this.counts = counts;
    }

    /** Jobs per status: the active ones exactly, each terminal one up to {@code bounded} (then shown as bounded+). */
    @ApiResponse(responseCode = "200", description = "Jobs per status; terminal ones counted up to bounded.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = JobCounts.Counts.class)))
    @ApiResponse(responseCode = "401", ref = "Unauthorized")
    @ApiResponse(responseCode = "403", ref = "Forbidden")
    @Get(produces = MediaType.APPLICATION_JSON)
    public JobCounts.Counts counts() {
        return counts.read();
    }
}
