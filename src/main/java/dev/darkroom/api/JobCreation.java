package dev.darkroom.api;

import dev.darkroom.Sha256;
import dev.darkroom.job.JobService;
import dev.darkroom.job.outbox.RunDue;
import dev.darkroom.problem.Problem;
import dev.darkroom.problem.ProblemException;
import dev.darkroom.security.PollTokens;
import dev.darkroom.status.JobView;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Creating a case's job, from the request as it came to the view its caller gets back: the request is checked, the
 * caller's creations are counted, the job is written (or the one already there found), and a new job's run is
 * announced so that it goes out at once.
 */
@Singleton
@Requires(property = "darkroom.roles.initiator", notEquals = "false")
public class JobCreation {

    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7E]{1,128}");

    private final CaseRequestReader reader;
    private final CreationRateLimiter rateLimiter;
    private final JobService jobs;
    private final PollTokens pollTokens;
    private final ApplicationEventPublisher<RunDue> runs;

    public JobCreation(CaseRequestReader reader, CreationRateLimiter rateLimiter, JobService jobs, PollTokens pollTokens,
                       ApplicationEventPublisher<RunDue> runs) {
        this.reader = reader;
        this.rateLimiter = rateLimiter;
        this.jobs = jobs;
        this.pollTokens = pollTokens;
        this.runs = runs;
    }

    /** The job and how it came about; {@code view} carries the job's poll token. */
    public record Created(JobView view, JobService.Outcome outcome) {
    }

    /**
     * Creates the case's job from the raw body, which an Idempotency-Key is bound to byte for byte. A request that
     * is refused costs the caller none of its creations.
     */
    public Created create(String caseId, @Nullable byte[] body, @Nullable String idempotencyKey, String caller) {
        if (idempotencyKey != null && !IDEMPOTENCY_KEY.matcher(idempotencyKey).matches()) {
            throw ProblemException.invalid(List.of(new Problem.FieldError("Idempotency-Key",
                    "must be 1-128 visible ASCII characters")));
        }
        CaseRequest request = reader.read(caseId, body);
        rateLimiter.acquire(caller);
        JobService.Submission submission;
        try {
            submission = jobs.submit(caseId, request.images(), callersKey(caller, idempotencyKey),
                    fingerprint(caseId, body), request.callback() == null ? null : request.callback().url());
        } catch (JobService.IdempotencyKeyReusedException e) {
            throw new ProblemException(HttpStatus.UNPROCESSABLE_ENTITY, "idempotency-key-reused", e.getMessage());
        }
        String jobId = submission.job().id();
        if (submission.outcome() == JobService.Outcome.CREATED) {
            runs.publishEvent(new RunDue(jobId, submission.job().runId()));
        }
        JobView view = JobView.of(submission.job(), submission.tasks())
                .withPollToken(pollTokens.issue(jobId));
        return new Created(view, submission.outcome());
    }

    /** Keys belong to their caller: two callers choosing the same key never meet. */
    private static @Nullable String callersKey(String caller, @Nullable String key) {
        return key == null ? null : Sha256.hex((caller + "\n" + key).getBytes(StandardCharsets.UTF_8));
    }

    /** What an Idempotency-Key is bound to: the case and the exact body. */
    private static String fingerprint(String caseId, byte[] body) {
        byte[] caseBytes = (caseId + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] all = Arrays.copyOf(caseBytes, caseBytes.length + body.length);
        System.arraycopy(body, 0, all, caseBytes.length, body.length);
        return Sha256.hex(all);
    }
}
