package dev.darkroom.status;

import dev.darkroom.job.ImageTaskRepository;
import dev.darkroom.job.JobUpdater;
import dev.darkroom.support.Cases;
import dev.darkroom.support.Jobs;
import dev.darkroom.support.SignedWebhooks;
import dev.darkroom.support.SilentWorker;
import dev.darkroom.support.Tokens;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The job view's ETag: it names the job and its row's version, stays while nothing changes, and moves with every
 * kind of change the write side makes (events, the dispatcher's send, retry, cancel, recovery). A worker that
 * accepts runs and says nothing lets the test make each change itself.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ViewTagTest implements TestPropertyProvider {

    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final byte[] JPEG = dev.darkroom.support.Pictures.jpeg(512, 512);

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    EmbeddedServer server;

    @Inject
    JsonMapper json;

    @Inject
    JobUpdater updater;

    @Inject
    ImageTaskRepository tasks;

    @Inject
    TransactionOperations<Connection> tx;

    SilentWorker worker;
    SignedWebhooks webhooks;
    Jobs jobs;
    Polls polls;

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
        polls = new Polls(server.getURL());
    }

    @AfterAll
    void stop() {
        worker.stop();
    }

    @Test
    void theTagIsWeakNamesTheJobAndStaysWhileNothingChanges() {
        Run run = dispatched("case-tag-stable");
        String first = tag(run.jobId());
        assertThat(first).startsWith("W/\"").contains(run.jobId());
        assertThat(tag(run.jobId())).isEqualTo(first);
        assertThat(Polls.etag(polls.get(path(run), run.pollToken()))).as("the same for every reader").isEqualTo(first);
    }

    @Test
    void aWorkerTakingTheRunMovesTheTag() {
        Run run = dispatched("case-tag-sent");
        String before = tag(run.jobId());
        // What the dispatcher writes when a worker accepted the run: the images under it, the job sent.
        tx.executeWrite(status -> {
            tasks.markGenerating(run.jobId(), run.runId());
            return updater.sent(updater.lock(run.jobId()).orElseThrow());
        });
        assertThat(tag(run.jobId())).isNotEqualTo(before);
    }

    @Test
    void theRunStartingMovesTheTag() {
        Run run = dispatched("case-tag-started");
        String before = tag(run.jobId());
        webhooks.send(SignedWebhooks.runStarted(run.jobId(), run.runId()));
        assertThat(jobs.get(run.jobId()).status()).isEqualTo("generating");
        assertThat(tag(run.jobId())).isNotEqualTo(before);
    }

    @Test
    void anImageThatSucceedsMovesTheTag() {
        Run run = dispatched("case-tag-succeeded");
        String before = tag(run.jobId());
        webhooks.send(SignedWebhooks.imageSucceeded(run.jobId(), run.runId(), "ev-1", JPEG));
        assertThat(tag(run.jobId())).isNotEqualTo(before);
    }

    @Test
    void anImageThatFailsMovesTheTag() {
        Run run = dispatched("case-tag-failed");
        String before = tag(run.jobId());
        webhooks.send(SignedWebhooks.imageFailed(run.jobId(), run.runId(), "ev-1", "content_policy"));
        assertThat(tag(run.jobId())).isNotEqualTo(before);
    }

    @Test
    void aHeartbeatMovesTheTag() {
        Run run = dispatched("case-tag-heartbeat");
        String before = tag(run.jobId());
        webhooks.send(heartbeat(run));
        assertThat(tag(run.jobId())).isNotEqualTo(before);
    }

    @Test
    void theRunsSummaryMovesTheTag() {
        Run run = dispatched("case-tag-finished");
        String before = tag(run.jobId());
        webhooks.send(SignedWebhooks.runFinished(run.jobId(), run.runId(), List.of(), Map.of("ev-1", "timeout")));
        assertThat(jobs.image(jobs.get(run.jobId()), "ev-1").status()).isEqualTo("failed");
        assertThat(tag(run.jobId())).isNotEqualTo(before);
    }

    @Test
    void aRetryMovesTheTag() {
        Run run = dispatched("case-tag-retry");
        webhooks.send(SignedWebhooks.imageSucceeded(run.jobId(), run.runId(), "ev-1", JPEG));
        webhooks.send(SignedWebhooks.imageFailed(run.jobId(), run.runId(), "ev-2", "timeout"));
        assertThat(jobs.get(run.jobId()).status()).isEqualTo("partial");
        String before = tag(run.jobId());
        http.toBlocking().exchange(HttpRequest.POST("/v1/jobs/" + run.jobId() + "/retry", "")
                .bearerAuth(Tokens.backend()));
        assertThat(tag(run.jobId())).isNotEqualTo(before);
    }

    @Test
    void aCancelMovesTheTag() {
        Run run = dispatched("case-tag-cancel");
        String before = tag(run.jobId());
        http.toBlocking().exchange(HttpRequest.POST("/v1/jobs/" + run.jobId() + "/cancel", "")
                .bearerAuth(Tokens.backend()));
        assertThat(tag(run.jobId())).isNotEqualTo(before);
    }

    @Test
    void aNewAttemptByRecoveryMovesTheTag() {
        Run run = dispatched("case-tag-attempt");
        String before = tag(run.jobId());
        tx.executeWrite(status -> updater.retryOrGiveUp(updater.lock(run.jobId()).orElseThrow(), "lost in a test"));
        assertThat(jobs.get(run.jobId()).attempt()).isEqualTo(2);
        assertThat(tag(run.jobId())).isNotEqualTo(before);
    }

    @Test
    void recoveryGivingUpMovesTheTag() {
        Run run = dispatched("case-tag-give-up");
        for (int attempt = 1; attempt < 3; attempt++) {
            tx.executeWrite(status -> updater.retryOrGiveUp(updater.lock(run.jobId()).orElseThrow(), "lost"));
        }
        String before = tag(run.jobId());
        tx.executeWrite(status -> updater.retryOrGiveUp(updater.lock(run.jobId()).orElseThrow(), "lost again"));
        assertThat(jobs.get(run.jobId()).status()).isEqualTo("failed");
        assertThat(tag(run.jobId())).isNotEqualTo(before);
    }

    @Test
    void theCurrentTagIsAnsweredNotModifiedAloneInAListOrAsAStar() {
        Run run = dispatched("case-tag-match");
        String current = tag(run.jobId());
        String strongForm = current.substring(2);
        for (String ifNoneMatch : List.of(current, "W/\"other.1\", " + current, "*", strongForm)) {
            HttpResponse<String> answer = polls.get(path(run), run.pollToken(), ifNoneMatch);
            assertThat(answer.statusCode()).as(ifNoneMatch).isEqualTo(304);
            assertThat(answer.body()).as("a 304 has no body").isEmpty();
            assertThat(Polls.etag(answer)).isEqualTo(current);
        }
    }

    @Test
    void aStaleTagGetsTheWholeView() {
        Run run = dispatched("case-tag-stale");
        String stale = tag(run.jobId());
        webhooks.send(SignedWebhooks.imageSucceeded(run.jobId(), run.runId(), "ev-1", JPEG));
        HttpResponse<String> answer = polls.get(path(run), run.pollToken(), stale);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("\"jobId\":\"" + run.jobId() + "\"", "/images/ev-1");
        assertThat(Polls.etag(answer)).isNotEqualTo(stale);
    }

    @Test
    void anActiveJobsViewIsRevalidatedAndSaysWhenToAskAgain() {
        Run run = dispatched("case-tag-active");
        HttpResponse<String> full = polls.get(path(run), run.pollToken());
        HttpResponse<String> notModified = polls.get(path(run), run.pollToken(), Polls.etag(full));
        for (HttpResponse<String> answer : List.of(full, notModified)) {
            assertThat(answer.headers().firstValue("Cache-Control")).hasValue("no-cache");
            assertThat(answer.headers().firstValue("Retry-After")).hasValue("2");
        }
        assertThat(notModified.statusCode()).isEqualTo(304);
    }

    @Test
    void anEndedJobsViewIsRevalidatedButHasNoRetryAfter() {
        Run run = dispatched("case-tag-ended");
        webhooks.send(SignedWebhooks.imageSucceeded(run.jobId(), run.runId(), "ev-1", JPEG));
        webhooks.send(SignedWebhooks.imageSucceeded(run.jobId(), run.runId(), "ev-2", JPEG));
        HttpResponse<String> full = polls.get(path(run), run.pollToken());
        assertThat(full.body()).contains("\"status\":\"completed\"");
        HttpResponse<String> notModified = polls.get(path(run), run.pollToken(), Polls.etag(full));
        assertThat(notModified.statusCode()).isEqualTo(304);
        for (HttpResponse<String> answer : List.of(full, notModified)) {
            assertThat(answer.headers().firstValue("Cache-Control")).hasValue("no-cache");
            assertThat(answer.headers().firstValue("Retry-After")).isEmpty();
        }
    }

    @Test
    void aPollTokenOfAnotherJobIsForbiddenEvenWithTheCurrentTag() {
        Run mine = dispatched("case-tag-mine");
        Run other = dispatched("case-tag-other");
        String stolen = tag(other.jobId());
        assertThat(polls.get(path(other), mine.pollToken(), stolen).statusCode()).isEqualTo(403);
        assertThat(polls.get("/v1/cases/case-tag-other/image-job", mine.pollToken(), stolen).statusCode())
                .isEqualTo(403);
    }

    @Test
    void theCaseViewsTagChangesWhenTheCaseHasANewJob() {
        Run first = dispatched("case-tag-case");
        String casePath = "/v1/cases/case-tag-case/image-job";
        HttpResponse<String> firstView = polls.get(casePath, Tokens.backend());
        assertThat(Polls.etag(firstView)).isEqualTo(tag(first.jobId()));
        assertThat(polls.get(casePath, Tokens.backend(), Polls.etag(firstView)).statusCode()).isEqualTo(304);
        http.toBlocking().exchange(HttpRequest.POST("/v1/jobs/" + first.jobId() + "/cancel", "")
                .bearerAuth(Tokens.backend()));
        String endedTag = Polls.etag(polls.get(casePath, Tokens.backend()));

        Run second = dispatched("case-tag-case");
        HttpResponse<String> secondView = polls.get(casePath, Tokens.backend(), endedTag);
        assertThat(secondView.statusCode()).isEqualTo(200);
        assertThat(Polls.etag(secondView)).isNotEqualTo(endedTag).contains(second.jobId());
        assertThat(secondView.body()).contains("\"jobId\":\"" + second.jobId() + "\"");
    }

    private static dev.darkroom.run.WebhookEvent heartbeat(Run run) {
        return dev.darkroom.run.WebhookEvent.of(new dev.darkroom.run.RunEvent.Heartbeat(run.jobId(), run.runId()),
                java.time.Instant.now());
    }

    private String tag(String jobId) {
        HttpResponse<String> answer = polls.get("/v1/jobs/" + jobId, Tokens.backend());
        assertThat(answer.statusCode()).isEqualTo(200);
        return Polls.etag(answer);
    }

    private static String path(Run run) {
        return "/v1/jobs/" + run.jobId();
    }

    /** A job of two pictures whose run a worker took; the view's poll token comes with it. */
    private Run dispatched(String caseId) {
        var view = jobs.create(caseId, Map.of("evidence", List.of(Cases.item("ev-1", "Knife", ""),
                Cases.item("ev-2", "Letter", "")), "locations", List.of()));
        String jobId = view.jobId();
        String runId = await().atMost(Duration.ofSeconds(10))
                .until(() -> worker.runsFor(jobId), runs -> !runs.isEmpty()).get(0).runId();
        await().atMost(Duration.ofSeconds(10)).until(() -> jobs.get(jobId).status().equals("dispatched"));
        return new Run(jobId, runId, view.pollToken());
    }

    private record Run(String jobId, String runId, String pollToken) {
    }
}
