package dev.darkroom.status;

import dev.darkroom.security.Scopes;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;

import java.util.LinkedHashMap;
import java.util.Map;

/** For operators: how many jobs are in each state, and how often recovery had to step in. */
@Controller("/v1/ops/stats")
@SecurityRequirement(name = "bearer")
@Secured({Scopes.JOBS_READ, Scopes.OPS_READ})
@Requires(property = "darkroom.roles.status", notEquals = "false")
@ExecuteOn(TaskExecutors.BLOCKING)
public class StatsController {

    private final JobQueries queries;

    public StatsController(JobQueries queries) {
        this.queries = queries;
    }

    @Serdeable
    public record Stats(Map<String, Long> jobs, long recoveries) {
    }

    @ApiResponse(responseCode = "401", ref = "Unauthorized")
    @ApiResponse(responseCode = "403", ref = "Forbidden")
    @Get(produces = MediaType.APPLICATION_JSON)
    public Stats stats() {
        Map<String, Long> byStatus = new LinkedHashMap<>();
        queries.countsByStatus().forEach((status, count) -> byStatus.put(status.wireName(), count));
        return new Stats(byStatus, queries.recoveries());
    }
}
