package dev.darkroom.status;

import dev.darkroom.security.AccessRules;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;

/** A job's timeline, for operators, the game backend and the job's own poll token. */
@Controller("/v1/jobs/{jobId}/timeline")
@SecurityRequirement(name = "bearer")
@Secured(SecurityRule.IS_AUTHENTICATED)
@Requires(property = "darkroom.roles.status", notEquals = "false")
@ExecuteOn(TaskExecutors.BLOCKING)
public class TimelineController {

    private final JobTimeline timeline;
    private final AccessRules access;

    public TimelineController(JobTimeline timeline, AccessRules access) {
        this.timeline = timeline;
        this.access = access;
    }

    /**
     * The job's story, oldest first: created, each run's dispatch, status moves, image outcomes, new attempts, the end
     * and each callback attempt. The access check comes first, so a job id is no way in.
     */
    @ApiResponse(responseCode = "200", description = "The job's timeline, oldest first.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = JobTimeline.Timeline.class)))
    @ApiResponse(responseCode = "401", ref = "Unauthorized")
    @ApiResponse(responseCode = "403", ref = "Forbidden")
    @ApiResponse(responseCode = "404", ref = "NotFound")
    @Get(produces = MediaType.APPLICATION_JSON)
    public JobTimeline.Timeline timeline(String jobId, Authentication caller) {
        access.requireRead(caller, jobId);
        return timeline.of(jobId, access.canReadEveryJob(caller));
    }
}
