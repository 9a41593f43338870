package dev.darkroom.api;

import dev.darkroom.problem.Problem;
import dev.darkroom.status.JobView;
import dev.darkroom.support.Cases;
import dev.darkroom.support.Jobs;
import dev.darkroom.support.Tokens;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Double clicks, retries and races never make a second job. */
@MicronautTest(transactional = false)
// Slow images keep each job active long enough for the duplicates to arrive while it runs.
@Property(name = "darkroom.local-generator.latency", value = "300ms")
class DuplicateRequestTest {

    @Inject
    @Client("/")
    HttpClient http;

    @Test
    void aSecondRequestForACaseWithAnActiveJobReturnsThatJob() {
        HttpResponse<JobView> first = post("case-dup", null);
        HttpResponse<JobView> second = post("case-dup", null);

        assertThat(first.getStatus().getCode()).isEqualTo(202);
        assertThat(second.getStatus().getCode()).isEqualTo(200);
        assertThat(second.body().jobId()).isEqualTo(first.body().jobId());
        String location = second.header("Location");
        assertThat(location).isEqualTo("/v1/jobs/" + first.body().jobId());
    }

    @Test
    void aRepeatedIdempotencyKeyReturnsTheFirstAnswer() {
        HttpResponse<JobView> first = post("case-key", "key-123");
        HttpResponse<JobView> again = post("case-key", "key-123");

        assertThat(again.getStatus().getCode()).isEqualTo(202);
        assertThat(again.body().jobId()).isEqualTo(first.body().jobId());
    }

    @Test
    void anIdempotencyKeyReusedForADifferentRequestIsRefused() {
        post("case-key-a", "key-reused");
        HttpClientResponseException e = catchThrowableOfType(HttpClientResponseException.class,
                () -> post("case-key-b", "key-reused"));
        assertThat(e.getStatus().getCode()).isEqualTo(422);
        assertThat(e.getResponse().getBody(Problem.class).orElseThrow().type()).endsWith("/idempotency-key-reused");
    }

    @Test
    void twoCallersUsingTheSameKeyNeverMeet() {
        HttpResponse<JobView> mine = post("case-key-mine", "shared-key");
        HttpResponse<JobView> theirs = http.toBlocking().exchange(HttpRequest.POST("/v1/cases/case-key-theirs/image-jobs",
                        Cases.body(3, 1)).header("Idempotency-Key", "shared-key")
                        .bearerAuth(Tokens.forSubject("another-backend", "jobs:write", "jobs:read")),
                Argument.of(JobView.class), Argument.of(Problem.class));

        assertThat(theirs.getStatus().getCode()).isEqualTo(202);
        assertThat(theirs.body().jobId()).isNotEqualTo(mine.body().jobId());
    }

    @Test
    void aCaseWhoseJobEndedGetsANewJobOnTheNextRequest() {
        Jobs jobs = new Jobs(http);
        HttpResponse<JobView> first = post("case-ended", null);
        assertThat(jobs.awaitTerminal(first.body().jobId()).status()).isEqualTo("completed");

        HttpResponse<JobView> next = post("case-ended", null);

        assertThat(next.getStatus().getCode()).isEqualTo(202);
        assertThat(next.body().jobId()).isNotEqualTo(first.body().jobId());
        assertThat(next.body().finishedAt()).isNull();
        assertThat(jobs.get(first.body().jobId()).status()).as("the ended job stays as it ended")
                .isEqualTo("completed");
    }

    @Test
    void anIdempotencyKeyReplaysItsJobAfterTheJobEnded() {
        Jobs jobs = new Jobs(http);
        HttpResponse<JobView> first = post("case-key-ended", "key-ended");
        assertThat(jobs.awaitTerminal(first.body().jobId()).status()).isEqualTo("completed");

        HttpResponse<JobView> replay = post("case-key-ended", "key-ended");

        assertThat(replay.getStatus().getCode()).isEqualTo(202);
        assertThat(replay.body().jobId()).isEqualTo(first.body().jobId());
        assertThat(replay.body().status()).isEqualTo("completed");
        JobView latest = http.toBlocking().retrieve(HttpRequest.GET("/v1/cases/case-key-ended/image-job")
                .bearerAuth(Tokens.backend()), JobView.class);
        assertThat(latest.jobId()).as("no second job for the case").isEqualTo(first.body().jobId());
    }

    @Test
    void concurrentRequestsForOneCaseMakeOneJob() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<String>> calls = IntStream.range(0, 8)
                    .<Callable<String>>mapToObj(i -> () -> post("case-race", null).body().jobId())
                    .toList();
            Set<String> jobIds = pool.invokeAll(calls).stream().map(DuplicateRequestTest::get)
                    .collect(Collectors.toSet());
            assertThat(jobIds).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    private HttpResponse<JobView> post(String caseId, String key) {
        HttpRequest<?> request = HttpRequest.POST("/v1/cases/" + caseId + "/image-jobs", Cases.body(3, 1)).bearerAuth(Tokens.backend());
        if (key != null) {
            request = ((io.micronaut.http.MutableHttpRequest<?>) request).header("Idempotency-Key", key);
        }
        return http.toBlocking().exchange(request, Argument.of(JobView.class), Argument.of(Problem.class));
    }

    private static String get(Future<String> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
