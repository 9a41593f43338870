package dev.darkroom.status;

import dev.darkroom.image.ImageClaims;
import dev.darkroom.job.ImageTask;
import dev.darkroom.job.JobVersion;
import dev.darkroom.problem.ProblemException;
import dev.darkroom.security.AccessRules;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;

import java.time.Duration;
import java.util.Arrays;

/**
 * The status role: what players' clients poll, and the images themselves. Any valid token gets in; what it may
 * read is decided by {@link AccessRules}.
 */
@Controller("/v1")
@SecurityRequirement(name = "bearer")
@Secured(SecurityRule.IS_AUTHENTICATED)
@Requires(property = "darkroom.roles.status", notEquals = "false")
@ExecuteOn(TaskExecutors.BLOCKING)
public class StatusController {

    private final JobQueries queries;
    private final JobPolls polls;
    private final AccessRules access;
    private final String retryAfter;

    /** {@code retryAfter} is the poll interval the initiator suggests too (docs/configuration.md, darkroom.api). */
    public StatusController(JobQueries queries, JobPolls polls, AccessRules access,
                            @Value("${darkroom.api.retry-after:2s}") Duration retryAfter) {
        this.queries = queries;
        this.polls = polls;
        this.access = access;
        this.retryAfter = Long.toString(Math.max(1, retryAfter.toSeconds()));
    }

    /**
     * The job's view with its ETag; {@code If-None-Match} of the current tag answers 304 after one read of the job
     * row's version, without its images or any JSON. The access check comes first, so a tag is no way in.
     */
    @ApiResponse(responseCode = "200", description = "The job's view, with a weak ETag of the job and its version.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = JobView.class)))
    @ApiResponse(responseCode = "304", description = "The view is still the one If-None-Match names.")
    @ApiResponse(responseCode = "401", ref = "Unauthorized")
    @ApiResponse(responseCode = "403", ref = "Forbidden")
    @ApiResponse(responseCode = "404", ref = "NotFound")
    @Get(uri = "/jobs/{jobId}", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> job(String jobId, @Nullable @Header(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
                                    Authentication caller) {
        access.requireRead(caller, jobId);
        JobVersion current = queries.version(jobId).orElseThrow(() -> ProblemException.notFound("no job " + jobId));
        return answer(polls.poll(current, ifNoneMatch));
    }

    /** The case's newest job, as {@link #job} serves it; its tag names the job, so a new job is a new tag. */
    @ApiResponse(responseCode = "200", description = "The job's view, with a weak ETag of the job and its version.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = JobView.class)))
    @ApiResponse(responseCode = "304", description = "The view is still the one If-None-Match names.")
    @ApiResponse(responseCode = "401", ref = "Unauthorized")
    @ApiResponse(responseCode = "403", ref = "Forbidden")
    @ApiResponse(responseCode = "404", ref = "NotFound")
    @Get(uri = "/cases/{caseId}/image-job", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> latestForCase(String caseId,
                                              @Nullable @Header(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
                                              Authentication caller) {
        JobVersion current = queries.latestVersionForCase(caseId)
                .filter(found -> access.canRead(caller, found.id()))
                .orElseThrow(() -> access.canReadEveryJob(caller)
                        ? ProblemException.notFound("case " + caseId + " has no image job")
                        : new ProblemException(HttpStatus.FORBIDDEN, "forbidden", "this token may not read case "
                        + caseId));
        return answer(polls.poll(current, ifNoneMatch));
    }

    /**
     * A view is never used unchecked ({@code no-cache}): a client revalidates it with its tag each time. While the
     * job is active, Retry-After says when to ask again; an ended job's view does not change any more.
     */
    private HttpResponse<byte[]> answer(JobPolls.Poll poll) {
        MutableHttpResponse<byte[]> response = poll.notModified()
                ? HttpResponse.status(HttpStatus.NOT_MODIFIED)
                : HttpResponse.ok(poll.json()).contentType(MediaType.APPLICATION_JSON_TYPE);
        response.header(HttpHeaders.ETAG, poll.etag()).header(HttpHeaders.CACHE_CONTROL, "no-cache");
        if (!poll.finished()) {
            response.header(HttpHeaders.RETRY_AFTER, retryAfter);
        }
        return response;
    }

    static final String NOSNIFF = "X-Content-Type-Options";

    @ApiResponse(responseCode = "200", description = "The stored picture, with a strong ETag.",
            content = @Content(mediaType = MediaType.IMAGE_JPEG, schema = @Schema(implementation = byte[].class)))
    @ApiResponse(responseCode = "304", description = "It matches If-None-Match.")
    @ApiResponse(responseCode = "401", ref = "Unauthorized")
    @ApiResponse(responseCode = "403", ref = "Forbidden")
    @ApiResponse(responseCode = "404", ref = "NotFound")
    @Get(uri = "/jobs/{jobId}/images/{imageId}", produces = MediaType.IMAGE_JPEG)
    public HttpResponse<byte[]> image(String jobId, String imageId,
                                      @Nullable @Header(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
                                      Authentication caller) {
        access.requireRead(caller, jobId);
        ImageTask task = queries.storedImage(jobId, imageId)
                .orElseThrow(() -> ProblemException.notFound("job " + jobId + " has no stored image " + imageId));
        String etag = "\"" + task.sha256() + "\"";
        if (ifNoneMatch != null && matches(ifNoneMatch, etag)) {
            return HttpResponse.<byte[]>status(HttpStatus.NOT_MODIFIED).header(HttpHeaders.ETAG, etag);
        }
        byte[] data = queries.bytesOf(task)
                .orElseThrow(() -> ProblemException.notFound("job " + jobId + " has no stored image " + imageId));
        // Only a type Darkroom produces goes out as itself. A row stored before every claim was checked may say
        // text/html, and a browser renders a declared text/html whatever nosniff says: such bytes go out as opaque.
        String type = ImageClaims.isProduced(task.contentType()) ? task.contentType()
                : MediaType.APPLICATION_OCTET_STREAM;
        return HttpResponse.ok(data)
                .contentType(type)
                .header(HttpHeaders.ETAG, etag)
                .header(HttpHeaders.CACHE_CONTROL, "private, max-age=86400")
                // A browser must take the stored type as said, never sniff the bytes into something it runs.
                .header(NOSNIFF, "nosniff");
    }

    /** If-None-Match holds a list of tags, or *; a stored image never changes, so a match means not modified. */
    private static boolean matches(String ifNoneMatch, String etag) {
        return Arrays.stream(ifNoneMatch.split(","))
                .map(String::trim)
                .anyMatch(tag -> tag.equals("*") || tag.equals(etag));
    }
}
