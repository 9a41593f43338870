package dev.darkroom.api;

import dev.darkroom.run.ImageSpec;

import dev.darkroom.Sha256;
import dev.darkroom.dispatch.Dispatcher;
import dev.darkroom.job.JobService;
import dev.darkroom.problem.Problem;
import dev.darkroom.problem.ProblemException;
import dev.darkroom.security.PollTokens;
import dev.darkroom.security.Scopes;
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

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The initiator: takes a case's image request, records the job and answers before any image is made. The answer
 * carries a poll token for the player's client, which can read this one job and nothing else.
 */
@Controller("/v1/cases")
@Secured(Scopes.JOBS_WRITE)
@Requires(property = "darkroom.roles.initiator", notEquals = "false")
@ExecuteOn(TaskExecutors.BLOCKING)
public class CaseJobController {

    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7E]{1,128}");

    private final CaseRequestReader reader;
    private final JobService jobs;
    private final Optional<Dispatcher> dispatcher;
    private final ApiProperties properties;
    private final PollTokens pollTokens;
    private final CreationRateLimiter rateLimiter;

    public CaseJobController(CaseRequestReader reader, JobService jobs, Optional<Dispatcher> dispatcher,
                             ApiProperties properties, PollTokens pollTokens, CreationRateLimiter rateLimiter) {
        this.pollTokens = pollTokens;
        this.rateLimiter = rateLimiter;
        this.reader = reader;
        this.jobs = jobs;
        this.dispatcher = dispatcher;
        this.properties = properties;
    }

    @Post(uri = "/{caseId}/image-jobs", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<JobView> create(String caseId, @Nullable @Body byte[] body,
                                        @Nullable @Header("Idempotency-Key") String idempotencyKey,
                                        Authentication caller) {
        if (idempotencyKey != null && !IDEMPOTENCY_KEY.matcher(idempotencyKey).matches()) {
            throw ProblemException.invalid(List.of(new Problem.FieldError("Idempotency-Key",
                    "must be 1-128 visible ASCII characters")));
        }
        CaseRequest request = reader.read(caseId, body);
        rateLimiter.acquire(caller.getName());
        List<ImageSpec> images = request.items().stream()
                .map(i -> new ImageSpec(i.id(), i.kind(), i.name(), i.description()))
                .toList();
        JobService.Submission submission;
        try {
            submission = jobs.submit(caseId, images, callersKey(caller.getName(), idempotencyKey),
                    fingerprint(caseId, body));
        } catch (JobService.IdempotencyKeyReusedException e) {
            throw new ProblemException(HttpStatus.UNPROCESSABLE_ENTITY, "idempotency-key-reused", e.getMessage());
        }
        String jobId = submission.job().id();
        JobView view = JobView.of(submission.job(), jobs.tasks(jobId)).withPollToken(pollTokens.issue(jobId));
        if (submission.outcome() == JobService.Outcome.CREATED) {
            dispatcher.ifPresent(Dispatcher::nudge);
        }
        HttpStatus status = submission.outcome() == JobService.Outcome.ACTIVE ? HttpStatus.OK : HttpStatus.ACCEPTED;
        return HttpResponse.<JobView>status(status)
                .header(HttpHeaders.LOCATION, "/v1/jobs/" + jobId)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, properties.retryAfter().toSeconds())))
                .body(view);
    }

    /** Keys belong to their caller: two callers choosing the same key never meet. */
    private static String callersKey(String caller, @Nullable String key) {
        return key == null ? null : Sha256.hex((caller + "\n" + key).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** What an Idempotency-Key is bound to: the case and the exact body. */
    private static String fingerprint(String caseId, byte[] body) {
        byte[] caseBytes = (caseId + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] all = java.util.Arrays.copyOf(caseBytes, caseBytes.length + body.length);
        System.arraycopy(body, 0, all, caseBytes.length, body.length);
        return Sha256.hex(all);
    }
}
