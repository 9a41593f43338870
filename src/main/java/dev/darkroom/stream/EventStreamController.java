package dev.darkroom.stream;

import dev.darkroom.security.AccessRules;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.sse.Event;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import org.reactivestreams.Publisher;

/**
 * A job's live events as Server-Sent Events, for the tokens that may read the job (the poll token also as
 * {@code ?token=}, since a browser's EventSource cannot send headers). The request's thread is held only for the
 * access check and the history read.
 */
@Controller("/v1")
@SecurityRequirement(name = "bearer")
@Secured(SecurityRule.IS_AUTHENTICATED)
@Requires(property = "darkroom.roles.status", notEquals = "false")
public class EventStreamController {

    static final String LAST_EVENT_ID = "Last-Event-ID";

    private final EventStreams streams;
    private final AccessRules access;

    public EventStreamController(EventStreams streams, AccessRules access) {
        this.streams = streams;
        this.access = access;
    }

    @ApiResponse(responseCode = "200", description = "The job's events: its history (after Last-Event-ID, when that "
            + "is one of the job's), then each as it happens; job.finished ends the stream. Events: job.status, "
            + "image.succeeded, image.failed, job.finished; each with id (increasing within the job), event and "
            + "data (JSON). A comment line keeps the connection alive.",
            content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM, schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "204", description = "Last-Event-ID is the job's job.finished: nothing more will come, "
            + "and a browser's EventSource stops reconnecting.")
    @ApiResponse(responseCode = "401", ref = "Unauthorized")
    @ApiResponse(responseCode = "403", ref = "Forbidden")
    @ApiResponse(responseCode = "404", ref = "NotFound")
    @Get(uri = "/jobs/{jobId}/events", produces = MediaType.TEXT_EVENT_STREAM)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<Publisher<Event<String>>> events(
            String jobId,
            @Parameter(in = ParameterIn.HEADER, description = "Resume after this event (what EventSource sends on a "
                    + "reconnect)") @Nullable @Header(LAST_EVENT_ID) String lastEventIdHeader,
            @Parameter(description = "Resume after this event, for a client that cannot set the header")
            @Nullable @QueryValue String lastEventId,
            @Parameter(description = "A poll token, for a browser's EventSource") @Nullable @QueryValue String token,
            Authentication caller) {
        access.requireRead(caller, jobId);
        return streams.open(jobId, lastEventIdHeader != null ? lastEventIdHeader : lastEventId)
                .<HttpResponse<Publisher<Event<String>>>>map(HttpResponse::ok)
                .orElseGet(HttpResponse::noContent);
    }
}
