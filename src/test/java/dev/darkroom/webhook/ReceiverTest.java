package dev.darkroom.webhook;

import dev.darkroom.job.ImageTask;
import dev.darkroom.job.ImageTaskRepository;
import dev.darkroom.job.StoredImage;
import dev.darkroom.job.StoredImageRepository;
import dev.darkroom.problem.Problem;
import dev.darkroom.run.ImageOutcome;
import dev.darkroom.run.RunEvent;
import dev.darkroom.run.WebhookEvent;
import dev.darkroom.status.JobView;
import dev.darkroom.support.Cases;
import dev.darkroom.support.Jobs;
import dev.darkroom.support.MockServers;
import dev.darkroom.support.SignedWebhooks;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.mockserver.integration.ClientAndServer;
import org.mockserver.model.HttpRequest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;
import static org.mockserver.model.HttpRequest.request;
import static org.mockserver.model.HttpResponse.response;

/**
 * The receiver on its own: a MockServer stands in for a worker that accepts runs and does nothing, and the test
 * plays that worker's webhooks, in order, out of order, twice, forged and malformed.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReceiverTest implements TestPropertyProvider {

    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final byte[] JPEG = dev.darkroom.support.Pictures.jpeg(512, 512);

    final ClientAndServer silentWorker = MockServers.start();

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    JsonMapper json;

    @Inject
    ImageTaskRepository tasks;

    @Inject
    StoredImageRepository images;

    SignedWebhooks webhooks;
    Jobs jobs;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("darkroom.dispatch.worker-url", MockServers.url(silentWorker),
                "darkroom.webhook.secret", SECRET);
    }

    @BeforeEach
    void setUp() {
        silentWorker.reset();
        silentWorker.when(request().withMethod("POST").withPath("/internal/runs"))
                .respond(response().withStatusCode(202));
        webhooks = new SignedWebhooks(http, json, SECRET);
        jobs = new Jobs(http);
    }

    @AfterAll
    void stopWorker() {
        silentWorker.stop();
    }

    @Test
    void aWebhookWithoutSignatureIsUnauthorized() {
        String jobId = dispatchedJob("case-unsigned").jobId;
        byte[] body = webhooks.bytes(SignedWebhooks.runStarted(jobId, "any"));
        HttpClientResponseException e = catchThrowableOfType(HttpClientResponseException.class,
                () -> http.toBlocking().exchange(webhooks.unsigned(body)));
        assertThat(e.getStatus().getCode()).isEqualTo(401);
    }

    @Test
    void aWebhookSignedWithAnotherSecretIsUnauthorized() {
        Run run = dispatchedJob("case-missigned");
        byte[] body = webhooks.bytes(SignedWebhooks.imageSucceeded(run.jobId, run.runId, "ev-1", JPEG));
        HttpClientResponseException e = catchThrowableOfType(HttpClientResponseException.class,
                () -> webhooks.sendRaw("msg_1", Instant.now().getEpochSecond(), body,
                        "whsec_" + java.util.Base64.getEncoder().encodeToString("another secret".getBytes())));
        assertThat(e.getStatus().getCode()).isEqualTo(401);
        assertThat(problem(e)).as("the problem names what was wrong")
                .contains("\"type\":\"https://darkroom.dev/problems/unauthorized\"",
                        "\"detail\":\"webhook-signature does not match\"");
        assertThat(jobs.image(jobs.get(run.jobId), "ev-1").status()).isNotEqualTo("succeeded");
    }

    @Test
    void aWebhookWithAStaleTimestampIsUnauthorized() {
        Run run = dispatchedJob("case-stale");
        byte[] body = webhooks.bytes(SignedWebhooks.runStarted(run.jobId, run.runId));
        long tenMinutesAgo = Instant.now().minus(Duration.ofMinutes(10)).getEpochSecond();
        HttpClientResponseException e = catchThrowableOfType(HttpClientResponseException.class,
                () -> webhooks.sendRaw("msg_2", tenMinutesAgo, body, SECRET));
        assertThat(e.getStatus().getCode()).isEqualTo(401);
    }

    @Test
    void aWebhookWithATimestampTenMinutesAheadIsUnauthorized() {
        Run run = dispatchedJob("case-future");
        byte[] body = webhooks.bytes(SignedWebhooks.runStarted(run.jobId, run.runId));
        long tenMinutesAhead = Instant.now().plus(Duration.ofMinutes(10)).getEpochSecond();
        HttpClientResponseException e = catchThrowableOfType(HttpClientResponseException.class,
                () -> webhooks.sendRaw("msg_future", tenMinutesAhead, body, SECRET));
        assertThat(e).as("the webhook should have been refused").isNotNull();
        assertThat(e.getStatus().getCode()).isEqualTo(401);
        assertThat(jobs.get(run.jobId).status()).isNotEqualTo("generating");
    }

    @Test
    void aDuplicateWebhookIsAcknowledgedAndAppliedOnce() {
        Run run = dispatchedJob("case-duplicate");
        var event = SignedWebhooks.imageSucceeded(run.jobId, run.runId, "ev-1", JPEG);

        HttpResponse<Map> first = webhooks.send("msg_dup", event);
        JobView afterFirst = jobs.get(run.jobId);
        HttpResponse<Map> again = webhooks.send("msg_dup", event);
        HttpResponse<Map> redelivered = webhooks.send(event);

        assertThat(first.body()).containsEntry("applied", true);
        assertThat(again.getStatus().getCode()).isEqualTo(200);
        assertThat(again.body()).containsEntry("applied", false);
        assertThat(redelivered.getStatus().getCode()).isEqualTo(200);
        assertThat(jobs.get(run.jobId)).usingRecursiveComparison().isEqualTo(afterFirst);
    }

    @Test
    void eventsInAnyOrderEndInTheSameStateAndNeverMoveTheJobBackwards() {
        Run run = dispatchedJob("case-reordered");

        webhooks.send(SignedWebhooks.imageSucceeded(run.jobId, run.runId, "ev-1", JPEG));
        assertThat(jobs.get(run.jobId).status()).isEqualTo("generating");
        webhooks.send(SignedWebhooks.runStarted(run.jobId, run.runId));
        assertThat(jobs.get(run.jobId).status()).isEqualTo("generating");

        webhooks.send(SignedWebhooks.imageFailed(run.jobId, run.runId, "ev-2", "content_policy"));
        webhooks.send(SignedWebhooks.imageSucceeded(run.jobId, run.runId, "loc-1", JPEG));
        JobView done = jobs.get(run.jobId);
        assertThat(done.status()).isEqualTo("partial");

        // Late and repeated news changes nothing once the job is terminal.
        webhooks.send(SignedWebhooks.runStarted(run.jobId, run.runId));
        webhooks.send(SignedWebhooks.imageFailed(run.jobId, run.runId, "ev-1", "timeout"));
        webhooks.send(SignedWebhooks.imageSucceeded(run.jobId, run.runId, "ev-2", JPEG));
        webhooks.send(SignedWebhooks.runFinished(run.jobId, run.runId, List.of("ev-1", "loc-1"),
                Map.of("ev-2", "content_policy")));
        assertThat(jobs.get(run.jobId)).usingRecursiveComparison().isEqualTo(done);
    }

    @Test
    void aFailureNeverUndoesAStoredImage() {
        Run run = dispatchedJob("case-no-undo");
        webhooks.send(SignedWebhooks.imageSucceeded(run.jobId, run.runId, "ev-1", JPEG));
        webhooks.send(SignedWebhooks.imageFailed(run.jobId, run.runId, "ev-1", "timeout"));
        assertThat(jobs.image(jobs.get(run.jobId), "ev-1").status()).isEqualTo("succeeded");
    }

    @Test
    void aFailureFromAnOlderRunDoesNotFailTheCurrentAttempt() {
        Run run = dispatchedJob("case-older-failure");
        webhooks.send(SignedWebhooks.imageFailed(run.jobId, "an-older-run", "ev-1", "timeout"));
        assertThat(jobs.image(jobs.get(run.jobId), "ev-1").status()).isEqualTo("generating");

        webhooks.send(SignedWebhooks.imageSucceeded(run.jobId, "an-older-run", "ev-2", JPEG));
        assertThat(jobs.image(jobs.get(run.jobId), "ev-2").status())
                .as("an image is as good from an older run").isEqualTo("succeeded");
    }

    @Test
    void theSummaryRecordsFailuresWhoseOwnEventsWereMissed() {
        Run run = dispatchedJob("case-summary");
        webhooks.send(SignedWebhooks.imageSucceeded(run.jobId, run.runId, "ev-1", JPEG));
        webhooks.send(SignedWebhooks.imageSucceeded(run.jobId, run.runId, "loc-1", JPEG));
        webhooks.send(SignedWebhooks.runFinished(run.jobId, run.runId, List.of("ev-1", "loc-1"),
                Map.of("ev-2", "content_policy")));

        JobView done = jobs.get(run.jobId);
        assertThat(done.status()).isEqualTo("partial");
        assertThat(jobs.image(done, "ev-2").error().code()).isEqualTo("content_policy");
    }

    @Test
    void aSummaryOfAnOldRunCannotFinishTheJob() {
        Run run = dispatchedJob("case-old-run");
        webhooks.send(SignedWebhooks.runFinished(run.jobId, "some-older-run", List.of(),
                Map.of("ev-1", "timeout", "ev-2", "timeout", "loc-1", "timeout")));
        JobView view = jobs.get(run.jobId);
        assertThat(view.finishedAt()).isNull();
        assertThat(view.counts().failed()).isZero();
    }

    @Test
    void anEventForAnUnknownJobIsNotFound() {
        HttpClientResponseException e = catchThrowableOfType(HttpClientResponseException.class,
                () -> webhooks.send(SignedWebhooks.runStarted(UUID.randomUUID().toString(), "r")));
        assertThat(e.getStatus().getCode()).isEqualTo(404);
    }

    @Test
    void anEventForAnUnknownImageIsNotFound() {
        Run run = dispatchedJob("case-unknown-image");
        HttpClientResponseException e = catchThrowableOfType(HttpClientResponseException.class,
                () -> webhooks.send(SignedWebhooks.imageSucceeded(run.jobId, run.runId, "nope", JPEG)));
        assertThat(e.getStatus().getCode()).isEqualTo(404);
    }

    @Test
    void aMalformedEventIsABadRequestNamingTheFields() {
        HttpClientResponseException notJson = catchThrowableOfType(HttpClientResponseException.class,
                () -> webhooks.sendRaw("msg_3", Instant.now().getEpochSecond(),
                        "not json".getBytes(StandardCharsets.UTF_8), SECRET));
        assertThat(notJson.getStatus().getCode()).isEqualTo(400);

        HttpClientResponseException missing = catchThrowableOfType(HttpClientResponseException.class,
                () -> webhooks.sendRaw("msg_4", Instant.now().getEpochSecond(),
                        "{\"type\":\"image.succeeded\",\"data\":{\"jobId\":\"j\"}}".getBytes(StandardCharsets.UTF_8),
                        SECRET));
        assertThat(missing.getStatus().getCode()).isEqualTo(400);
        assertThat(missing.getResponse().getBody(String.class).orElseThrow())
                .contains("data.runId", "data.imageId", "data.data");
    }

    @Test
    void anEventWithSeveralWrongFieldsIsRefusedNamingEveryOneAtOnceByItsPath() throws IOException {
        String longCode = "c".repeat(65);
        HttpClientResponseException failed = refusedRaw("{\"type\":\"image.failed\",\"data\":{\"runId\":\"\","
                + "\"error\":{\"code\":\"" + longCode + "\",\"message\":\"a\\u0000b\",\"retryable\":false}}}");
        HttpClientResponseException summary = refusedRaw("{\"type\":\"run.finished\",\"data\":{\"jobId\":\"j\","
                + "\"runId\":\"r\",\"succeeded\":[\"\",\"ok\"],\"failed\":[null,{\"imageId\":\"ev-2\"},"
                + "{\"imageId\":\"ev-3\",\"error\":{\"code\":\"" + longCode + "\"}}]}}");

        assertThat(failed.getStatus().getCode()).isEqualTo(400);
        assertThat(errors(failed)).containsExactly(
                new Problem.FieldError("data.error.code", "must be at most 64 characters"),
                new Problem.FieldError("data.error.message", dev.darkroom.StorableText.RULE),
                new Problem.FieldError("data.imageId", "is required"),
                new Problem.FieldError("data.jobId", "is required"),
                new Problem.FieldError("data.runId", "is required"));
        assertThat(errors(summary)).containsExactly(
                new Problem.FieldError("data.failed[0]", "is required"),
                new Problem.FieldError("data.failed[1].error", "is required"),
                new Problem.FieldError("data.failed[2].error.code", "must be at most 64 characters"),
                new Problem.FieldError("data.succeeded[0]", "is required"));
    }

    @Test
    void anEventOfAnUnknownTypeOrWithoutDataIsRefusedNamingIt() throws IOException {
        assertThat(errors(refusedRaw("{\"type\":\"run.paused\",\"data\":{\"jobId\":\"j\"}}")))
                .extracting(Problem.FieldError::field).containsExactly("type", "data.runId");
        assertThat(errors(refusedRaw("{\"data\":null}"))).extracting(Problem.FieldError::field)
                .containsExactly("type", "data");
    }

    @Test
    void aHeartbeatIsAppliedLikeEveryOtherEventType() {
        Run run = dispatchedJob("case-heartbeat");
        var heartbeat = WebhookEvent.of(new RunEvent.Heartbeat(run.jobId, run.runId), Instant.now());

        assertThat(webhooks.send(heartbeat).body()).containsEntry("applied", true);
        assertThat(jobs.get(run.jobId).status()).as("a heartbeat is no progress").isEqualTo("dispatched");
    }

    @Test
    void imageBytesThatDoNotMatchTheirDigestAreRefused() {
        Run run = dispatchedJob("case-digest");
        var honest = SignedWebhooks.imageSucceeded(run.jobId, run.runId, "ev-1", JPEG);
        var forged = WebhookEvent.of(new ImageOutcome.Succeeded(run.jobId, run.runId, 1, "ev-1", "image/jpeg", 512,
                512, "0".repeat(64), ((ImageOutcome.Succeeded) honest.data()).data(), null, null), Instant.now());
        HttpClientResponseException e = catchThrowableOfType(HttpClientResponseException.class,
                () -> webhooks.send(forged));
        assertThat(e.getStatus().getCode()).isEqualTo(400);
    }

    @Test
    void aSignedImageMayClaimOnlyAProducedTypeAndItsBytesMustBeThatType() {
        Run run = dispatchedJob("case-claimed-type");
        byte[] page = "<html><script>alert(document.cookie)</script></html>".getBytes(StandardCharsets.UTF_8);

        HttpClientResponseException html = refused(image(run, "text/html", 512, 512, JPEG, null));
        HttpClientResponseException png = refused(image(run, "image/png", 512, 512, JPEG, null));
        HttpClientResponseException pageAsJpeg = refused(image(run, "image/jpeg", 512, 512, page, null));

        assertThat(html.getStatus().getCode()).isEqualTo(400);
        assertThat(problem(html)).contains("data.contentType");
        assertThat(png.getStatus().getCode()).isEqualTo(400);
        assertThat(problem(png)).contains("data.contentType");
        assertThat(pageAsJpeg.getStatus().getCode()).isEqualTo(400);
        assertThat(problem(pageAsJpeg)).contains("data.data");
        assertThat(jobs.image(jobs.get(run.jobId), "ev-1").status()).isNotEqualTo("succeeded");
    }

    @Test
    void dimensionsArePositiveWithinTheConfiguredSizeAndThoseOfTheBytes() {
        Run run = dispatchedJob("case-claimed-size");

        HttpClientResponseException negative = refused(image(run, "image/jpeg", -512, 512, JPEG, null));
        HttpClientResponseException zero = refused(image(run, "image/jpeg", 512, 0, JPEG, null));
        HttpClientResponseException tooWide = refused(image(run, "image/jpeg", 513, 512, JPEG, null));
        HttpClientResponseException notTheBytes = refused(image(run, "image/jpeg", 256, 256, JPEG, null));

        assertThat(problem(negative)).contains("data.width");
        assertThat(problem(zero)).contains("data.height");
        assertThat(problem(tooWide)).contains("data.width");
        assertThat(notTheBytes.getStatus().getCode()).isEqualTo(400);
        assertThat(problem(notTheBytes)).contains("data.data", "512x512");
        assertThat(jobs.image(jobs.get(run.jobId), "ev-1").status()).isNotEqualTo("succeeded");
    }

    @Test
    void aNegativeOrOversizedCostIsRefused() {
        Run run = dispatchedJob("case-claimed-cost");

        HttpClientResponseException negative = refused(image(run, "image/jpeg", 512, 512, JPEG,
                new java.math.BigDecimal("-0.01")));
        HttpClientResponseException huge = refused(image(run, "image/jpeg", 512, 512, JPEG,
                new java.math.BigDecimal("1e9")));
        HttpResponse<Map> free = webhooks.send(image(run, "image/jpeg", 512, 512, JPEG, java.math.BigDecimal.ZERO));

        assertThat(negative.getStatus().getCode()).isEqualTo(400);
        assertThat(problem(negative)).contains("data.cost");
        assertThat(problem(huge)).contains("data.cost");
        assertThat(free.body()).containsEntry("applied", true);
    }

    @Test
    void aStoredImageIsServedAsItsTypeWithNosniff() {
        Run run = dispatchedJob("case-nosniff");
        webhooks.send(SignedWebhooks.imageSucceeded(run.jobId, run.runId, "ev-1", JPEG));

        HttpResponse<byte[]> served = http.toBlocking().exchange(io.micronaut.http.HttpRequest
                .GET(jobs.image(jobs.get(run.jobId), "ev-1").url()).bearerAuth(dev.darkroom.support.Tokens.backend()),
                byte[].class);

        assertThat(served.getContentType().orElseThrow().toString()).isEqualTo("image/jpeg");
        assertThat(served.getHeaders().get("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(served.body()).isEqualTo(JPEG);
    }

    @Test
    void aStoredTypeDarkroomDoesNotProduceIsServedAsOpaqueBytes() {
        Run run = dispatchedJob("case-legacy-type");
        webhooks.send(SignedWebhooks.imageSucceeded(run.jobId, run.runId, "ev-1", JPEG));
        ImageTask stored = tasks.findByJobIdAndItemId(run.jobId, "ev-1").orElseThrow();
        byte[] html = "<script>alert(document.cookie)</script>".getBytes(StandardCharsets.UTF_8);
        tasks.update(new ImageTask(stored.id(), stored.jobId(), stored.itemId(), stored.position(), stored.kind(),
                stored.name(), stored.description(), stored.status(), stored.runId(), null, null, "text/html",
                stored.width(), stored.height(), html.length, stored.sha256(), stored.finishedAt(), stored.provider(),
                stored.cost(), stored.version()));
        images.update(new StoredImage(stored.id(), html));

        HttpResponse<byte[]> served = http.toBlocking().exchange(io.micronaut.http.HttpRequest
                .GET(jobs.image(jobs.get(run.jobId), "ev-1").url()).bearerAuth(dev.darkroom.support.Tokens.backend()),
                byte[].class);

        assertThat(served.getContentType().orElseThrow().toString()).isEqualTo("application/octet-stream");
        assertThat(served.getHeaders().get("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(served.body()).isEqualTo(html);
    }

    @Test
    void signedTextWithAControlCharacterIsA400NamingTheField() {
        Run run = dispatchedJob("case-control-text");
        var nulMessage = WebhookEvent.of(new ImageOutcome.Failed(run.jobId, run.runId, 1, "ev-2",
                new ImageOutcome.Error("provider_error", "refused\u0000 by the provider", false)), Instant.now());
        var escapeCode = SignedWebhooks.imageFailed(run.jobId, run.runId, "ev-2", "bad\u001bcode");
        var nulProvider = WebhookEvent.of(new ImageOutcome.Succeeded(run.jobId, run.runId, 1, "ev-1", "image/jpeg",
                512, 512, dev.darkroom.Sha256.hex(JPEG), java.util.Base64.getEncoder().encodeToString(JPEG),
                "lo\u0000cal", null), Instant.now());
        var nulSummary = WebhookEvent.of(new RunEvent.Finished(run.jobId, run.runId, List.of(), List.of(
                new RunEvent.Finished.Failure("ev-2", new ImageOutcome.Error("x", "a\u0000b", false)))),
                Instant.now());

        assertThat(problem(refused(nulMessage))).contains("data.error.message", "control characters");
        assertThat(problem(refused(escapeCode))).contains("data.error.code");
        assertThat(problem(refused(nulProvider))).contains("data.provider");
        assertThat(problem(refused(nulSummary))).contains("data.failed[0].error.message");
        assertThat(jobs.image(jobs.get(run.jobId), "ev-2").status()).as("nothing was applied").isNotEqualTo("failed");
        var plainText = WebhookEvent.of(new ImageOutcome.Failed(run.jobId, run.runId, 1, "ev-2",
                new ImageOutcome.Error("provider_error", "refused:\tsee\r\nbelow", false)), Instant.now());
        assertThat(webhooks.send(plainText).body()).as("tab, CR and LF are text").containsEntry("applied", true);
    }

    @Test
    void everyIdAndHeaderOfASignedEventIsBoundedAndOverItsBoundIsA400() {
        Run run = dispatchedJob("case-bounds");
        var event = SignedWebhooks.imageSucceeded(run.jobId, run.runId, "ev-1", JPEG);
        String longRun = run.runId + "x";
        var longRunImage = SignedWebhooks.imageSucceeded(run.jobId, longRun, "ev-1", JPEG);
        var longImageId = SignedWebhooks.imageSucceeded(run.jobId, run.runId, "e".repeat(65), JPEG);
        var longCode = SignedWebhooks.imageFailed(run.jobId, run.runId, "ev-2", "c".repeat(65));
        var longSummary = SignedWebhooks.runFinished(run.jobId, run.runId, List.of(), Map.of("ev-2",
                "c".repeat(65)));

        HttpClientResponseException longId = catchThrowableOfType(HttpClientResponseException.class,
                () -> webhooks.send("msg_" + "i".repeat(125), event));
        HttpClientResponseException runId = refused(longRunImage);
        HttpClientResponseException imageId = refused(longImageId);
        HttpClientResponseException code = refused(longCode);
        HttpClientResponseException summary = refused(longSummary);

        assertThat(longId.getStatus().getCode()).isEqualTo(400);
        assertThat(problem(longId)).contains("webhook-id");
        assertThat(runId.getStatus().getCode()).isEqualTo(400);
        assertThat(problem(runId)).contains("data.runId");
        assertThat(imageId.getStatus().getCode()).isEqualTo(400);
        assertThat(problem(imageId)).contains("data.imageId");
        assertThat(code.getStatus().getCode()).isEqualTo(400);
        assertThat(problem(code)).contains("data.error.code");
        assertThat(summary.getStatus().getCode()).isEqualTo(400);
        assertThat(problem(summary)).contains("data.failed[0].error.code");
        assertThat(webhooks.send("msg_" + "i".repeat(124), event).body()).as("128 characters are fine")
                .containsEntry("applied", true);
    }

    private HttpClientResponseException refusedRaw(String body) {
        return catchThrowableOfType(HttpClientResponseException.class, () -> webhooks.sendRaw(
                "msg_" + UUID.randomUUID(), Instant.now().getEpochSecond(), body.getBytes(StandardCharsets.UTF_8),
                SECRET));
    }

    private List<Problem.FieldError> errors(HttpClientResponseException e) throws IOException {
        return json.readValue(problem(e), Problem.class).errors();
    }

    private HttpClientResponseException refused(dev.darkroom.run.WebhookEvent event) {
        return catchThrowableOfType(HttpClientResponseException.class, () -> webhooks.send(event));
    }

    private static String problem(HttpClientResponseException e) {
        return e.getResponse().getBody(String.class).orElse("");
    }

    /** An image.succeeded for ev-1 of the run, claiming what it is told to. */
    private static dev.darkroom.run.WebhookEvent image(Run run, String contentType, int width, int height,
                                                           byte[] bytes, java.math.BigDecimal cost) {
        return WebhookEvent.of(new ImageOutcome.Succeeded(run.jobId, run.runId, 1, "ev-1", contentType, width,
                height, dev.darkroom.Sha256.hex(bytes), java.util.Base64.getEncoder().encodeToString(bytes), "local",
                cost), Instant.now());
    }

    private record Run(String jobId, String runId) {
    }

    /** A job of ev-1, ev-2 and loc-1 whose run the silent worker has accepted. */
    private Run dispatchedJob(String caseId) {
        Map<String, Object> body = Map.of(
                "evidence", List.of(Cases.item("ev-1", "Knife", ""), Cases.item("ev-2", "Letter", "")),
                "locations", List.of(Cases.item("loc-1", "Hall", "")));
        String jobId = jobs.create(caseId, body).jobId();
        String runId = await().atMost(Duration.ofSeconds(10)).until(() -> runIdSentFor(jobId), r -> r != null);
        await().atMost(Duration.ofSeconds(10)).until(() -> jobs.get(jobId).status().equals("dispatched"));
        return new Run(jobId, runId);
    }

    private String runIdSentFor(String jobId) throws IOException {
        for (HttpRequest sent : silentWorker.retrieveRecordedRequests(request().withPath("/internal/runs"))) {
            JsonNode run = json.readValue(sent.getBodyAsRawBytes(), JsonNode.class);
            if (run.get("jobId").getStringValue().equals(jobId)) {
                return run.get("runId").getStringValue();
            }
        }
        return null;
    }
}
