package dev.darkroom.recovery;

import dev.darkroom.Sha256;
import dev.darkroom.status.JobView;
import dev.darkroom.status.StatsController;
import dev.darkroom.support.Cases;
import dev.darkroom.support.Jobs;
import dev.darkroom.support.MockServers;
import dev.darkroom.support.SignedWebhooks;
import dev.darkroom.support.SilentWorker;
import dev.darkroom.support.Tokens;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.mockserver.integration.ClientAndServer;
import org.mockserver.model.ClearType;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockserver.model.HttpRequest.request;
import static org.mockserver.model.HttpResponse.response;

/**
 * Runs that go quiet, against a worker the test controls: one that lost the run, one that still holds outcomes
 * whose webhooks never arrived, and one that loses every attempt.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RecoveryTest implements TestPropertyProvider {

    static final byte[] JPEG = dev.darkroom.support.Pictures.jpeg(512, 512);

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    JsonMapper json;

    SilentWorker worker;
    // A worker instance behind the balancer, with its own address; allowed by origin (scheme, host and port).
    final ClientAndServer acceptingWorker = MockServers.start();
    Jobs jobs;

    @Override
    public Map<String, String> getProperties() {
        worker = new SilentWorker(JsonMapper.createDefault());
        return Map.of("darkroom.dispatch.worker-url", worker.url(),
                "darkroom.outbound.allowed-hosts", MockServers.url(acceptingWorker),
                "darkroom.recovery.interval", "200ms",
                "darkroom.recovery.start-deadline", "1s",
                "darkroom.recovery.run-timeout", "1s",
                "darkroom.dispatch.max-attempts", "3",
                // Sends keep being retried for as long as aRunNoWorkerHasTakenYet... keeps the workers down.
                "darkroom.dispatch.max-tries", "50");
    }

    @BeforeEach
    void setUp() {
        worker.reset();
        jobs = new Jobs(http);
    }

    @AfterAll
    void stop() {
        worker.stop();
        acceptingWorker.stop();
    }

    @Test
    void aRunThatNeverStartsIsSentAgainAsANewAttempt() {
        String jobId = jobs.create("case-never-started", Cases.body(2, 1)).jobId();

        SilentWorker.SentRun second = awaitRun(jobId, 2);
        assertThat(second.attempt()).isEqualTo(2);
        assertThat(second.runId()).isNotEqualTo(worker.runsFor(jobId).get(0).runId());
        assertThat(second.imageIds()).containsExactlyInAnyOrder("ev-1", "ev-2", "loc-1");
    }

    @Test
    void aNewAttemptCarriesOnlyTheImagesNotYetStored() {
        String jobId = jobs.create("case-lost-after-one", Cases.body(2, 1)).jobId();
        String firstRun = awaitRun(jobId, 1).runId();
        new SignedWebhooks(http, json, "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
                .send(SignedWebhooks.imageSucceeded(jobId, firstRun, "ev-1", JPEG));

        SilentWorker.SentRun second = awaitRun(jobId, 2);

        assertThat(second.imageIds()).containsExactlyInAnyOrder("ev-2", "loc-1");
    }

    @Test
    void outcomesAWorkerHoldsArePulledWhenTheirWebhooksNeverArrived() {
        String jobId = jobs.create("case-pull", Cases.body(2, 0)).jobId();
        String runId = awaitRun(jobId, 1).runId();
        worker.server().when(request().withMethod("GET").withPath("/internal/runs/" + runId))
                .respond(response().withHeader("Content-Type", "application/json").withBody("""
                        {"runId":"%1$s","jobId":"%2$s","state":"RUNNING","succeeded":[
                          {"jobId":"%2$s","runId":"%1$s","seq":1,"imageId":"ev-1","contentType":"image/jpeg",
                           "width":512,"height":512,"sha256":"%3$s"}],
                         "failed":[{"jobId":"%2$s","runId":"%1$s","seq":2,"imageId":"ev-2",
                           "error":{"code":"content_policy","message":"refused","retryable":false}}],
                         "bytesHeld":["ev-1"]}
                        """.formatted(runId, jobId, Sha256.hex(JPEG))));
        worker.server().when(request().withMethod("GET").withPath("/internal/runs/" + runId + "/images/ev-1"))
                .respond(response().withHeader("Content-Type", "image/jpeg").withBody(JPEG));

        JobView done = await().atMost(Duration.ofSeconds(10)).until(() -> jobs.get(jobId), v -> v.finishedAt() != null);

        assertThat(done.status()).isEqualTo("partial");
        assertThat(jobs.image(done, "ev-1").status()).isEqualTo("succeeded");
        assertThat(jobs.image(done, "ev-2").error().code()).isEqualTo("content_policy");
        assertThat(worker.runsFor(jobId)).as("a worker that still has the run gets no second one").hasSize(1);
        byte[] stored = http.toBlocking().retrieve(HttpRequest.GET(jobs.image(done, "ev-1").url())
                .bearerAuth(Tokens.backend()), byte[].class);
        assertThat(stored).isEqualTo(JPEG);
    }

    @Test
    void aPulledImageIsStoredOnlyWhenItIsWhatItClaimsToBe() {
        String jobId = jobs.create("case-pull-page", Cases.body(1, 0)).jobId();
        String runId = awaitRun(jobId, 1).runId();
        byte[] page = "<html><script>alert(document.cookie)</script></html>".getBytes(StandardCharsets.UTF_8);
        worker.server().when(request().withMethod("GET").withPath("/internal/runs/" + runId))
                .respond(response().withHeader("Content-Type", "application/json").withBody("""
                        {"runId":"%1$s","jobId":"%2$s","state":"FINISHED","succeeded":[
                          {"jobId":"%2$s","runId":"%1$s","seq":1,"imageId":"ev-1","contentType":"text/html",
                           "width":512,"height":512,"sha256":"%3$s"}],"bytesHeld":["ev-1"]}
                        """.formatted(runId, jobId, Sha256.hex(page))));
        worker.server().when(request().withMethod("GET").withPath("/internal/runs/" + runId + "/images/ev-1"))
                .respond(response().withHeader("Content-Type", "text/html").withBody(page));

        SilentWorker.SentRun second = awaitRun(jobId, 2);

        assertThat(second.imageIds()).as("the refused image is made again").containsExactly("ev-1");
        assertThat(jobs.image(jobs.get(jobId), "ev-1").status()).isNotEqualTo("succeeded");
    }

    @Test
    void aPulledFailureIsCutToItsColumnsAndCleanedBeforeItIsStored() {
        String jobId = jobs.create("case-pull-failure-text", Cases.body(1, 0)).jobId();
        String runId = awaitRun(jobId, 1).runId();
        String code = "x".repeat(100);
        worker.server().when(request().withMethod("GET").withPath("/internal/runs/" + runId))
                .respond(response().withHeader("Content-Type", "application/json").withBody("""
                        {"runId":"%1$s","jobId":"%2$s","state":"FINISHED","failed":[
                          {"jobId":"%2$s","runId":"%1$s","seq":1,"imageId":"ev-1",
                           "error":{"code":"%3$s","message":"refused\\u0000 %4$s","retryable":false}}]}
                        """.formatted(runId, jobId, code, "y".repeat(1500))));

        JobView done = await().atMost(Duration.ofSeconds(10)).until(() -> jobs.get(jobId), v -> v.finishedAt() != null);

        assertThat(done.status()).isEqualTo("failed");
        assertThat(jobs.image(done, "ev-1").error().code()).isEqualTo("x".repeat(64));
        assertThat(jobs.image(done, "ev-1").error().message()).hasSize(1000).startsWith("refused\uFFFD ")
                .doesNotContain("\u0000");
    }

    @Test
    void aWorkerUnreachableOnceIsAskedAgainBeforeItsRunIsTakenForLost() {
        String jobId = jobs.create("case-blip", Cases.body(1, 0)).jobId();
        String runId = awaitRun(jobId, 1).runId();
        worker.server().when(request().withMethod("GET").withPath("/internal/runs/" + runId),
                        org.mockserver.matchers.Times.once())
                .respond(response().withStatusCode(503));
        worker.server().when(request().withMethod("GET").withPath("/internal/runs/" + runId))
                .respond(response().withHeader("Content-Type", "application/json").withBody("""
                        {"runId":"%s","jobId":"%s","state":"RUNNING"}""".formatted(runId, jobId)));

        await().atMost(Duration.ofSeconds(10)).until(() -> worker.server().retrieveRecordedRequests(
                request().withMethod("GET").withPath("/internal/runs/" + runId)).length >= 2);

        assertThat(worker.runsFor(jobId)).as("the run survived the blip: no second attempt").hasSize(1);
    }

    @Test
    void recoveryAsksTheWorkerThatAcceptedTheRunNotWhicheverTheBalancerPicks() {
        acceptingWorker.reset();
        try {
            worker.server().reset();
            worker.server().when(request().withMethod("POST").withPath("/internal/runs"))
                    .respond(response().withStatusCode(202).withHeader("Content-Type", "application/json")
                            .withBody("{\"started\":true,\"worker\":\"" + MockServers.url(acceptingWorker) + "\"}"));
            String jobId = jobs.create("case-pinned-worker", Cases.body(1, 0)).jobId();
            String runId = awaitRun(jobId, 1).runId();
            acceptingWorker.when(request().withMethod("GET").withPath("/internal/runs/" + runId))
                    .respond(response().withHeader("Content-Type", "application/json").withBody("""
                            {"runId":"%1$s","jobId":"%2$s","state":"RUNNING","succeeded":[
                              {"jobId":"%2$s","runId":"%1$s","seq":1,"imageId":"ev-1","contentType":"image/jpeg",
                               "width":512,"height":512,"sha256":"%3$s"}],"bytesHeld":["ev-1"]}
                            """.formatted(runId, jobId, Sha256.hex(JPEG))));
            acceptingWorker.when(request().withMethod("GET").withPath("/internal/runs/" + runId + "/images/ev-1"))
                    .respond(response().withHeader("Content-Type", "image/jpeg").withBody(JPEG));

            JobView done = await().atMost(Duration.ofSeconds(10)).until(() -> jobs.get(jobId),
                    v -> v.finishedAt() != null);

            assertThat(done.status()).isEqualTo("completed");
            assertThat(worker.server().retrieveRecordedRequests(request().withMethod("GET")
                    .withPath("/internal/runs/" + runId + ".*"))).isEmpty();
            assertThat(worker.runsFor(jobId)).hasSize(1);
        } finally {
            acceptingWorker.reset();
        }
    }

    @Test
    void anAdvertisedWorkerOnAnOriginNotAllowedIsNeverAsked() {
        ClientAndServer unlisted = MockServers.start();
        try {
            worker.server().reset();
            worker.server().when(request().withMethod("POST").withPath("/internal/runs"))
                    .respond(response().withStatusCode(202).withHeader("Content-Type", "application/json")
                            .withBody("{\"started\":true,\"worker\":\"" + MockServers.url(unlisted) + "\"}"));
            String jobId = jobs.create("case-unlisted-worker", Cases.body(1, 0)).jobId();
            awaitRun(jobId, 1);

            await().atMost(Duration.ofSeconds(10)).until(() -> worker.server()
                    .retrieveRecordedRequests(request().withMethod("GET")).length > 0);

            assertThat(unlisted.retrieveRecordedRequests(request())).as("same host, another port").isEmpty();
        } finally {
            unlisted.stop();
        }
    }

    @Test
    void aJobWhoseRunsAreAllLostEndsFailedAsWorkerLost() {
        String jobId = jobs.create("case-worker-lost", Cases.body(2, 0)).jobId();

        JobView done = await().atMost(Duration.ofSeconds(20)).until(() -> jobs.get(jobId), v -> v.finishedAt() != null);

        assertThat(done.status()).isEqualTo("failed");
        assertThat(done.attempt()).isEqualTo(3);
        assertThat(done.failureReason()).contains("worker lost");
        assertThat(done.images()).allSatisfy(image -> assertThat(image.error().code()).isEqualTo("worker_lost"));
        assertThat(worker.runsFor(jobId)).hasSize(3);

        StatsController.Stats stats = http.toBlocking().retrieve(HttpRequest.GET("/v1/ops/stats")
                .bearerAuth(Tokens.backend()), StatsController.Stats.class);
        assertThat(stats.recoveries()).isGreaterThanOrEqualTo(3);
        assertThat(stats.jobs()).containsKey("failed");
    }

    @Test
    void aRunNoWorkerHasTakenYetIsLeftToTheDispatcherInsteadOfCountingAsLost() {
        String jobId = jobs.create("case-workers-down", Cases.body(2, 0)).jobId();
        awaitRun(jobId, 1);
        // Every worker is down from now on: the first run is lost, and the next one cannot be delivered.
        worker.server().clear(request().withMethod("POST").withPath("/internal/runs"), ClearType.EXPECTATIONS);
        worker.server().when(request().withMethod("POST").withPath("/internal/runs"))
                .respond(response().withStatusCode(503));

        await().atMost(Duration.ofSeconds(10)).until(() -> jobs.get(jobId).attempt() == 2);
        // Several run timeouts pass while the dispatcher keeps trying: that attempt is not lost, only undelivered.
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6))
                .until(() -> jobs.get(jobId), v -> v.attempt() == 2 && v.finishedAt() == null);

        worker.reset(); // a worker is back; what it was sent before is forgotten
        SilentWorker.SentRun second = awaitRun(jobId, 1);
        assertThat(second.attempt()).isEqualTo(2);
        assertThat(second.imageIds()).containsExactlyInAnyOrder("ev-1", "ev-2");
    }

    private SilentWorker.SentRun awaitRun(String jobId, int count) {
        List<SilentWorker.SentRun> runs = await().atMost(Duration.ofSeconds(10))
                .until(() -> worker.runsFor(jobId), r -> r.size() >= count);
        return runs.get(count - 1);
    }
}
