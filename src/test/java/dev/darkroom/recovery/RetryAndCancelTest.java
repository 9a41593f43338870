package dev.darkroom.recovery;

import dev.darkroom.job.outbox.DispatchRepository;
import dev.darkroom.job.outbox.DispatchStatus;
import dev.darkroom.problem.Problem;
import dev.darkroom.status.JobView;
import dev.darkroom.support.Cases;
import dev.darkroom.support.Jobs;
import dev.darkroom.support.SignedWebhooks;
import dev.darkroom.support.SilentWorker;
import dev.darkroom.support.Tokens;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;
import static org.mockserver.model.HttpRequest.request;

/** Retry regenerates only what did not succeed; cancel stops the run and nothing after it counts. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RetryAndCancelTest implements TestPropertyProvider {

    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final byte[] JPEG = dev.darkroom.support.Pictures.jpeg(512, 512);

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    JsonMapper json;

    @Inject
    DispatchRepository dispatches;

    SilentWorker worker;
    SignedWebhooks webhooks;
    Jobs jobs;

    @Override
    public Map<String, String> getProperties() {
        worker = new SilentWorker(JsonMapper.createDefault());
        return Map.of("darkroom.dispatch.worker-url", worker.url(), "darkroom.webhook.secret", SECRET);
    }

    @BeforeEach
    void setUp() {
        worker.reset();
        webhooks = new SignedWebhooks(http, json, SECRET);
        jobs = new Jobs(http);
    }

    @AfterAll
    void stop() {
        worker.stop();
    }

    @Test
    void retryRegeneratesOnlyTheImagesThatDidNotSucceed() {
        String jobId = jobs.create("case-retry", Cases.body(3, 1)).jobId();
        SilentWorker.SentRun first = awaitRun(jobId, 1);
        webhooks.send(SignedWebhooks.imageSucceeded(jobId, first.runId(), "ev-1", JPEG));
        webhooks.send(SignedWebhooks.imageSucceeded(jobId, first.runId(), "loc-1", JPEG));
        webhooks.send(SignedWebhooks.imageFailed(jobId, first.runId(), "ev-2", "timeout"));
        webhooks.send(SignedWebhooks.imageFailed(jobId, first.runId(), "ev-3", "unavailable"));
        assertThat(jobs.get(jobId).status()).isEqualTo("partial");

        HttpResponse<JobView> retried = post(jobId, "retry");
        assertThat(retried.getStatus().getCode()).isEqualTo(202);
        assertThat(retried.body().status()).isEqualTo("pending");
        assertThat(retried.body().counts().succeeded()).isEqualTo(2);

        SilentWorker.SentRun second = awaitRun(jobId, 2);
        assertThat(second.imageIds()).containsExactlyInAnyOrder("ev-2", "ev-3");
        webhooks.send(SignedWebhooks.imageSucceeded(jobId, second.runId(), "ev-2", JPEG));
        webhooks.send(SignedWebhooks.imageSucceeded(jobId, second.runId(), "ev-3", JPEG));

        JobView done = jobs.get(jobId);
        assertThat(done.status()).isEqualTo("completed");
        assertThat(done.counts().succeeded()).isEqualTo(4);
    }

    @Test
    void retryIsAConflictWhileTheJobIsActiveOrAfterItCompleted() {
        String jobId = jobs.create("case-retry-conflict", Cases.body(1, 0)).jobId();
        SilentWorker.SentRun run = awaitRun(jobId, 1);
        assertThat(refusal(jobId, "retry")).isEqualTo(409);

        webhooks.send(SignedWebhooks.imageSucceeded(jobId, run.runId(), "ev-1", JPEG));
        assertThat(jobs.get(jobId).status()).isEqualTo("completed");
        assertThat(refusal(jobId, "retry")).isEqualTo(409);
    }

    @Test
    void cancelEndsTheJobStopsTheRunAndLaterEventsChangeNothing() {
        String jobId = jobs.create("case-cancel", Cases.body(2, 0)).jobId();
        SilentWorker.SentRun run = awaitRun(jobId, 1);
        webhooks.send(SignedWebhooks.imageSucceeded(jobId, run.runId(), "ev-1", JPEG));

        JobView canceled = post(jobId, "cancel").body();
        assertThat(canceled.status()).isEqualTo("canceled");
        assertThat(jobs.image(canceled, "ev-1").status()).isEqualTo("succeeded");
        assertThat(jobs.image(canceled, "ev-2").error().code()).isEqualTo("canceled");
        assertThat(worker.server().retrieveRecordedRequests(request().withMethod("DELETE")
                .withPath("/internal/runs/" + run.runId()))).hasSize(1);

        webhooks.send(SignedWebhooks.imageSucceeded(jobId, run.runId(), "ev-2", JPEG));
        webhooks.send(SignedWebhooks.runFinished(jobId, run.runId(), List.of("ev-1", "ev-2"), Map.of()));
        assertThat(jobs.get(jobId).status()).isEqualTo("canceled");
        assertThat(jobs.image(jobs.get(jobId), "ev-2").status()).isEqualTo("failed");
        assertThat(post(jobId, "cancel").body().status()).as("cancel twice is fine").isEqualTo("canceled");
    }

    @Test
    void cancelDropsARunThatHasNotReachedAWorkerYet() {
        worker.server().reset();
        worker.server().when(request().withMethod("POST").withPath("/internal/runs"))
                .respond(org.mockserver.model.HttpResponse.response().withStatusCode(503));
        String jobId = jobs.create("case-cancel-undelivered", Cases.body(1, 0)).jobId();
        await().atMost(Duration.ofSeconds(10)).until(() -> worker.runsFor(jobId).size() >= 2);

        assertThat(post(jobId, "cancel").body().status()).isEqualTo("canceled");

        assertThat(dispatches.findByJobIdAndStatus(jobId, DispatchStatus.DUE)).isEmpty();
        assertThat(dispatches.findByJobIdAndStatus(jobId, DispatchStatus.ABANDONED)).hasSize(1);
    }

    @Test
    void aCanceledJobCanBeRetried() {
        String jobId = jobs.create("case-cancel-retry", Cases.body(2, 0)).jobId();
        awaitRun(jobId, 1);
        post(jobId, "cancel");
        assertThat(post(jobId, "retry").body().status()).isEqualTo("pending");
        assertThat(awaitRun(jobId, 2).imageIds()).containsExactlyInAnyOrder("ev-1", "ev-2");
    }

    @Test
    void actionsNeedTheWriteScope() {
        String jobId = jobs.create("case-actions-scope", Cases.body(1, 0)).jobId();
        HttpClientResponseException e = catchThrowableOfType(HttpClientResponseException.class,
                () -> http.toBlocking().exchange(HttpRequest.POST("/v1/jobs/" + jobId + "/cancel", "")
                        .bearerAuth(Tokens.withScopes("jobs:read"))));
        assertThat(e.getStatus().getCode()).isEqualTo(403);
    }

    private SilentWorker.SentRun awaitRun(String jobId, int count) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> worker.runsFor(jobId), runs -> runs.size() >= count)
                .get(count - 1);
    }

    private HttpResponse<JobView> post(String jobId, String action) {
        return http.toBlocking().exchange(HttpRequest.POST("/v1/jobs/" + jobId + "/" + action, "")
                .bearerAuth(Tokens.backend()), Argument.of(JobView.class), Argument.of(Problem.class));
    }

    private int refusal(String jobId, String action) {
        HttpClientResponseException e = catchThrowableOfType(HttpClientResponseException.class,
                () -> post(jobId, action));
        assertThat(e).isNotNull();
        return e.getStatus().getCode();
    }
}
