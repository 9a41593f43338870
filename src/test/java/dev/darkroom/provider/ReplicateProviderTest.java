package dev.darkroom.provider;

import dev.darkroom.provider.prediction.Prediction;
import dev.darkroom.provider.prediction.PredictionRepository;
import dev.darkroom.provider.prediction.PredictionStatus;
import dev.darkroom.provider.prediction.PredictionStore;
import dev.darkroom.provider.replicate.ReplicateImageProvider;
import dev.darkroom.run.ImageKind;
import dev.darkroom.status.JobView;
import dev.darkroom.support.Cases;
import dev.darkroom.support.Jobs;
import dev.darkroom.support.MockServers;
import dev.darkroom.support.Pictures;
import dev.darkroom.support.ProviderCallbacks;
import dev.darkroom.support.Tokens;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.mockserver.integration.ClientAndServer;
import org.mockserver.matchers.MatchType;
import org.mockserver.matchers.Times;
import org.mockserver.model.HttpRequest;
import org.mockserver.model.HttpResponse;
import org.mockserver.model.JsonBody;
import org.mockserver.verify.VerificationTimes;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;
import static org.mockserver.model.HttpRequest.request;
import static org.mockserver.model.HttpResponse.response;

/** The Replicate adapter against MockServer speaking Replicate's prediction API, and its signed callbacks. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReplicateProviderTest implements TestPropertyProvider {

    static final String SECRET = "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD";
    static final String MODEL = "black-forest-labs/flux-schnell";
    static final String CALLBACK = "/v1/webhooks/providers/replicate";

    final ClientAndServer replicate = MockServers.start();
    final AtomicInteger ids = new AtomicInteger();

    @Inject
    ReplicateImageProvider provider;

    @Inject
    PredictionStore store;

    @Inject
    PredictionRepository predictions;

    @Inject
    ProviderDownloads downloads;

    @Inject
    @Client("/")
    HttpClient http;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>();
        properties.put("darkroom.providers.order", "replicate");
        properties.put("darkroom.providers.callback-base-url", "https://darkroom.example.test");
        properties.put("darkroom.providers.callback-check", "50ms");
        properties.put("darkroom.providers.replicate.api-key", "r8_test_token");
        properties.put("darkroom.providers.replicate.base-url", MockServers.url(replicate) + "/v1");
        properties.put("darkroom.providers.replicate.webhook-secret", SECRET);
        properties.put("darkroom.providers.replicate.timeout", "4s");
        properties.put("darkroom.providers.replicate.callback-grace", "2s");
        properties.put("darkroom.providers.replicate.poll-interval", "100ms");
        properties.put("darkroom.providers.replicate.download-hosts", MockServers.url(replicate));
        properties.put("darkroom.providers.replicate.requests-per-minute", "6000");
        return properties;
    }

    @BeforeEach
    void reset() {
        replicate.reset();
    }

    @AfterAll
    void stop() {
        replicate.stop();
    }

    static HttpRequest create() {
        return request().withMethod("POST").withPath("/v1/models/" + MODEL + "/predictions");
    }

    static HttpRequest get(String id) {
        return request().withMethod("GET").withPath("/v1/predictions/" + id);
    }

    static HttpRequest cancel(String id) {
        return request().withMethod("POST").withPath("/v1/predictions/" + id + "/cancel");
    }

    String output(String id) {
        return MockServers.url(replicate) + "/files/" + id + "/out-0.jpg";
    }

    static String prediction(String id, String status, String output, String error) {
        return "{\"id\":\"" + id + "\",\"model\":\"" + MODEL + "\",\"version\":\"hidden\","
                + "\"input\":{\"prompt\":\"a knife\"},\"logs\":\"\","
                + "\"output\":" + (output == null ? "null" : "[\"" + output + "\"]") + ","
                + "\"error\":" + (error == null ? "null" : "\"" + error + "\"") + ","
                + "\"status\":\"" + status + "\",\"created_at\":\"2025-01-01T00:00:00.000Z\","
                + "\"urls\":{\"get\":\"https://api.replicate.com/v1/predictions/" + id + "\","
                + "\"cancel\":\"https://api.replicate.com/v1/predictions/" + id + "/cancel\"}}";
    }

    static HttpResponse json(int status, String body) {
        return response().withStatusCode(status).withHeader("content-type", "application/json").withBody(body);
    }

    /** Each create gets a fresh id and is still starting; outputs are served as real pictures. */
    void predictionsStartAndOutputsAreServed() {
        replicate.when(create()).respond(r -> json(201, prediction("p" + ids.incrementAndGet(), "starting", null,
                null)));
        replicate.when(request().withMethod("GET").withPath("/files/.*"))
                .respond(response().withStatusCode(200).withHeader("content-type", "image/png")
                        .withBody(Pictures.png(64, 64)));
        replicate.when(request().withMethod("POST").withPath("/v1/predictions/.*/cancel"))
                .respond(json(200, "{}"));
    }

    static ImageRequest anImage() {
        return new ImageRequest(UUID.randomUUID().toString(), "run-1", new dev.darkroom.run.ImageSpec("ev-1", ImageKind.EVIDENCE, "Bent knife",
                "A bent kitchen knife"));
    }

    Prediction predictionOf(String jobId) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> predictions.findAll().stream()
                .filter(p -> p.jobId().equals(jobId)).findFirst(), java.util.Optional::isPresent).orElseThrow();
    }

    ProviderCallbacks.Reply callBack(String body) {
        return new ProviderCallbacks(http).post(CALLBACK, body, ProviderCallbacks.standardWebhookHeaders(SECRET, body));
    }

    @Test
    void aJobCompletesWhenReplicateCallsBackAndNothingIsPolled() {
        predictionsStartAndOutputsAreServed();
        Jobs jobs = new Jobs(http);
        String jobId = jobs.create("case-replicate", Cases.body(1, 0)).jobId();

        Prediction started = predictionOf(jobId);
        String id = started.predictionId();
        ProviderCallbacks.Reply reply = callBack(prediction(id, "succeeded", output(id), null));
        JobView done = jobs.awaitTerminal(jobId);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(done.status()).isEqualTo("completed");
        assertThat(done.images().get(0).provider()).isEqualTo("replicate");
        replicate.verify(create()
                .withHeader("Authorization", "Bearer r8_test_token")
                .withBody(JsonBody.json("{\"webhook\":\"https://darkroom.example.test" + CALLBACK + "\","
                        + "\"webhook_events_filter\":[\"completed\"]}", MatchType.ONLY_MATCHING_FIELDS)));
        replicate.verify(get(id), VerificationTimes.never());
    }

    @Test
    void withoutACallbackThePredictionsArePolledUntilTheySucceed() {
        replicate.when(request().withMethod("GET").withPath("/v1/predictions/.*"), Times.exactly(2))
                .respond(r -> json(200, prediction(r.getPath().getValue().replaceAll(".*/", ""), "processing",
                        null, null)));
        replicate.when(request().withMethod("GET").withPath("/v1/predictions/.*"))
                .respond(r -> {
                    String id = r.getPath().getValue().replaceAll(".*/", "");
                    return json(200, prediction(id, "succeeded", output(id), null));
                });
        predictionsStartAndOutputsAreServed();
        Jobs jobs = new Jobs(http);

        JobView done = jobs.awaitTerminal(jobs.create("case-replicate-poll", Cases.body(2, 1)).jobId());

        assertThat(done.status()).isEqualTo("completed");
        assertThat(done.images()).allSatisfy(i -> assertThat(i.provider()).isEqualTo("replicate"));
    }

    @Test
    void aPredictionNeitherCalledBackNorDoneInTimeTimesOutAndIsCanceled() {
        predictionsStartAndOutputsAreServed();
        replicate.when(request().withMethod("GET").withPath("/v1/predictions/.*"))
                .respond(r -> json(200, prediction(r.getPath().getValue().replaceAll(".*/", ""), "processing",
                        null, null)));

        ProviderException late = catchThrowableOfType(ProviderException.class, () -> provider.generate(anImage()));

        assertThat(late.retryable()).isTrue();
        assertThat(late.code()).isEqualTo("timeout");
        replicate.verify(request().withMethod("POST").withPath("/v1/predictions/.*/cancel"),
                VerificationTimes.exactly(1));
    }

    @Test
    void aPredictionThatSucceedsAtOnceIsDownloadedAndNormalized() {
        replicate.when(create()).respond(r -> json(201, prediction("now-1", "succeeded", output("now-1"), null)));
        replicate.when(request().withMethod("GET").withPath("/files/.*"))
                .respond(response().withStatusCode(200).withHeader("content-type", "image/png")
                        .withBody(Pictures.png(64, 64)));

        GeneratedImage made = provider.generate(anImage());

        assertThat(made.contentType()).isEqualTo("image/jpeg");
        assertThat(made.width()).isEqualTo(512);
    }

    @Test
    void anNsfwFailureIsARefusal() {
        replicate.when(create()).respond(json(201, prediction("nsfw-1", "failed", null,
                "NSFW content detected. Try running it again, or try a different prompt.")));

        ProviderException refused = catchThrowableOfType(ProviderException.class, () -> provider.generate(anImage()));

        assertThat(refused.retryable()).isFalse();
        assertThat(refused.code()).isEqualTo("content_policy");
    }

    @Test
    void throttlingIsRetryableAfterItsRetryAfter() {
        replicate.when(create()).respond(json(429, "{\"title\":\"Request was throttled\",\"detail\":\"Request was "
                + "throttled. Expected available in 1 second.\",\"status\":429}").withHeader("retry-after", "1"));

        ProviderException throttled = catchThrowableOfType(ProviderException.class,
                () -> provider.generate(anImage()));

        assertThat(throttled.retryable()).isTrue();
        assertThat(throttled.retryAfter()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aJobCompletesAcrossThrottlingAndAServerError() {
        replicate.when(create(), Times.once()).respond(json(429, "{\"detail\":\"Request was throttled.\"}")
                .withHeader("retry-after", "0"));
        replicate.when(create(), Times.once()).respond(json(503, "{\"detail\":\"Service Unavailable\"}"));
        replicate.when(create()).respond(r -> json(201, prediction("ok" + ids.incrementAndGet(), "succeeded",
                output("x"), null)));
        replicate.when(request().withMethod("GET").withPath("/files/.*"))
                .respond(response().withStatusCode(200).withHeader("content-type", "image/png")
                        .withBody(Pictures.png(64, 64)));
        Jobs jobs = new Jobs(http);

        JobView done = jobs.awaitTerminal(jobs.create("case-replicate-flaky", Cases.body(1, 0)).jobId());

        assertThat(done.status()).isEqualTo("completed");
        replicate.verify(create(), VerificationTimes.exactly(3));
    }

    @Test
    void malformedAnswersAreBadOutput() {
        replicate.when(create(), Times.once()).respond(json(201, "{\"status\":\"starting\"}"));
        replicate.when(create(), Times.once()).respond(json(201, prediction("elsewhere-1", "succeeded",
                "https://attacker.example/steal.jpg", null)));
        replicate.when(create(), Times.once()).respond(json(201, prediction("html-1", "succeeded",
                output("html-1"), null)));
        replicate.when(request().withMethod("GET").withPath("/files/html-1/.*"))
                .respond(response().withStatusCode(200).withHeader("content-type", "text/html").withBody("<html>"));

        ProviderException noId = catchThrowableOfType(ProviderException.class, () -> provider.generate(anImage()));
        ProviderException foreignHost = catchThrowableOfType(ProviderException.class,
                () -> provider.generate(anImage()));
        ProviderException notAnImage = catchThrowableOfType(ProviderException.class,
                () -> provider.generate(anImage()));

        assertThat(noId.code()).isEqualTo("bad_output");
        assertThat(foreignHost.code()).isEqualTo("bad_output");
        assertThat(foreignHost.getMessage()).contains("attacker.example").contains("allow-list");
        assertThat(notAnImage.code()).isEqualTo("bad_output");
        assertThat(notAnImage.getMessage()).contains("text/html");
        assertThat(noId.retryable() || foreignHost.retryable() || notAnImage.retryable()).isFalse();
    }

    @Test
    void aPredictionOfTheSameImageThatAlreadySucceededIsCollectedInsteadOfPaidForAgain() {
        predictionsStartAndOutputsAreServed();
        ImageRequest image = anImage();
        String id = "earlier-" + UUID.randomUUID();
        store.open(ReplicateImageProvider.NAME, id, image);
        store.complete(ReplicateImageProvider.NAME, id,
                dev.darkroom.provider.prediction.PredictionOutcome.succeeded(output(id)));

        GeneratedImage made = provider.generate(image);

        assertThat(made.width()).isEqualTo(512);
        replicate.verify(create(), VerificationTimes.never());
        replicate.verify(request().withPath("/files/" + id + "/out-0.jpg"), VerificationTimes.exactly(1));
    }

    @Test
    void downloadsAreCappedInSizeAndLimitedToAllowListedHosts() {
        replicate.when(request().withMethod("GET").withPath("/files/big.png"))
                .respond(response().withStatusCode(200).withHeader("content-type", "image/png")
                        .withBody(Pictures.png(400, 400)));
        ProviderDownloads.Rules small = new ProviderDownloads.Rules(java.util.List.of(MockServers.url(replicate)), 100,
                Duration.ofSeconds(5));
        ProviderDownloads.Rules otherHosts = new ProviderDownloads.Rules(java.util.List.of("*.replicate.delivery"),
                1_000_000, Duration.ofSeconds(5));
        ProviderDownloads.Rules bareHost = new ProviderDownloads.Rules(java.util.List.of("127.0.0.1"),
                1_000_000, Duration.ofSeconds(5));
        String big = MockServers.url(replicate) + "/files/big.png";

        ProviderException tooBig = catchThrowableOfType(ProviderException.class,
                () -> downloads.fetch("replicate", big, small));
        ProviderException notAllowed = catchThrowableOfType(ProviderException.class,
                () -> downloads.fetch("replicate", big, otherHosts));
        ProviderException otherSchemeAndPort = catchThrowableOfType(ProviderException.class,
                () -> downloads.fetch("replicate", big, bareHost));

        assertThat(tooBig.code()).isEqualTo("bad_output");
        assertThat(tooBig.getMessage()).contains("larger than 100 bytes");
        assertThat(notAllowed.code()).isEqualTo("bad_output");
        assertThat(otherSchemeAndPort.code()).as("a bare host means https on 443").isEqualTo("bad_output");
        replicate.verify(request().withPath("/files/big.png"), VerificationTimes.exactly(1));
    }

    @Test
    void aValidCallbackMarksThePredictionDoneAndADuplicateChangesNothing() {
        String id = "cb-" + UUID.randomUUID();
        store.open(ReplicateImageProvider.NAME, id, anImage());
        String body = prediction(id, "succeeded", output(id), null);

        ProviderCallbacks.Reply first = callBack(body);
        Prediction afterFirst = predictions.findById(Prediction.key("replicate", id)).orElseThrow();
        ProviderCallbacks.Reply again = callBack(prediction(id, "failed", null, "late and wrong"));
        Prediction afterAgain = predictions.findById(Prediction.key("replicate", id)).orElseThrow();

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body().get("applied")).isEqualTo(true);
        assertThat(afterFirst.status()).isEqualTo(PredictionStatus.SUCCEEDED);
        assertThat(afterFirst.outputUrl()).isEqualTo(output(id));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().get("applied")).isEqualTo(false);
        assertThat(afterAgain).isEqualTo(afterFirst);
    }

    @Test
    void aCallbackWithABadSignatureIsRefusedAndChangesNothing() {
        String id = "cb-" + UUID.randomUUID();
        store.open(ReplicateImageProvider.NAME, id, anImage());
        String body = prediction(id, "succeeded", output(id), null);
        Map<String, String> forged = ProviderCallbacks.standardWebhookHeaders(
                "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", body);

        ProviderCallbacks.Reply reply = new ProviderCallbacks(http).post(CALLBACK, body, forged);
        ProviderCallbacks.Reply unsigned = new ProviderCallbacks(http).post(CALLBACK, body, Map.of());

        assertThat(reply.status()).isEqualTo(401);
        assertThat(unsigned.status()).isEqualTo(401);
        assertThat(predictions.findById(Prediction.key("replicate", id)).orElseThrow().status())
                .isEqualTo(PredictionStatus.PENDING);
    }

    @Test
    void aCallbackWithAnOverlongIdIs400AndAnOverlongOutputUrlFailsThePredictionCleanly() {
        String id = "cb-" + UUID.randomUUID();
        store.open(ReplicateImageProvider.NAME, id, anImage());

        ProviderCallbacks.Reply overlongId = callBack(prediction("p".repeat(161), "succeeded", output("x"), null));
        ProviderCallbacks.Reply overlongUrl = callBack(prediction(id, "succeeded",
                output(id) + "?" + "q".repeat(2000), null));

        assertThat(overlongId.status()).isEqualTo(400);
        assertThat(overlongId.body().toString()).contains("id");
        assertThat(overlongUrl.status()).isEqualTo(200);
        Prediction stored = predictions.findById(Prediction.key("replicate", id)).orElseThrow();
        assertThat(stored.status()).isEqualTo(PredictionStatus.FAILED);
        assertThat(stored.error()).contains("bad_output", "2000");
    }

    @Test
    void aCallbackForAnUnknownPredictionIs404() {
        ProviderCallbacks.Reply reply = callBack(prediction("never-made", "succeeded", output("x"), null));

        assertThat(reply.status()).isEqualTo(404);
    }

    @Test
    void cancelingTheJobCancelsItsPredictions() {
        predictionsStartAndOutputsAreServed();
        replicate.when(request().withMethod("GET").withPath("/v1/predictions/.*"))
                .respond(r -> json(200, prediction(r.getPath().getValue().replaceAll(".*/", ""), "processing", null,
                        null)));
        Jobs jobs = new Jobs(http);
        String jobId = jobs.create("case-replicate-cancel", Cases.body(1, 0)).jobId();
        await().atMost(Duration.ofSeconds(10)).until(() -> replicate.retrieveRecordedRequests(create()).length == 1);

        http.toBlocking().exchange(io.micronaut.http.HttpRequest.POST("/v1/jobs/" + jobId + "/cancel", "")
                .bearerAuth(Tokens.backend()));

        await().atMost(Duration.ofSeconds(10)).until(() -> replicate.retrieveRecordedRequests(
                request().withMethod("POST").withPath("/v1/predictions/.*/cancel")).length == 1);
        assertThat(jobs.get(jobId).status()).isEqualTo("canceled");
    }
}
