package dev.darkroom.provider;

import dev.darkroom.Sha256;
import dev.darkroom.provider.fal.FalImageProvider;
import dev.darkroom.provider.prediction.Prediction;
import dev.darkroom.provider.prediction.PredictionRepository;
import dev.darkroom.provider.prediction.PredictionStatus;
import dev.darkroom.provider.prediction.PredictionStore;
import dev.darkroom.run.ImageKind;
import dev.darkroom.status.JobView;
import dev.darkroom.support.Cases;
import dev.darkroom.support.Jobs;
import dev.darkroom.support.MockServers;
import dev.darkroom.support.Pictures;
import dev.darkroom.support.ProviderCallbacks;
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
import org.mockserver.matchers.Times;
import org.mockserver.model.HttpRequest;
import org.mockserver.model.HttpResponse;
import org.mockserver.verify.VerificationTimes;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;
import static org.mockserver.model.HttpRequest.request;
import static org.mockserver.model.HttpResponse.response;

/** The fal.ai adapter against MockServer speaking fal's queue API, and its Ed25519-signed webhooks. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FalProviderTest implements TestPropertyProvider {

    static final String MODEL = "fal-ai/flux/schnell";
    static final String CALLBACK = "/v1/webhooks/providers/fal";

    final ClientAndServer fal = MockServers.start();
    final ClientAndServer elsewhere = MockServers.start();
    final KeyPair falKey = ed25519();
    final KeyPair strangerKey = ed25519();
    final AtomicInteger ids = new AtomicInteger();

    @Inject
    FalImageProvider provider;

    @Inject
    PredictionStore store;

    @Inject
    PredictionRepository predictions;

    @Inject
    @Client("/")
    HttpClient http;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>();
        properties.put("darkroom.providers.order", "fal");
        properties.put("darkroom.providers.callback-base-url", "https://darkroom.example.test");
        properties.put("darkroom.providers.callback-check", "50ms");
        properties.put("darkroom.providers.fal.api-key", "fal-test-key:secret");
        properties.put("darkroom.providers.fal.queue-url", MockServers.url(fal));
        properties.put("darkroom.providers.fal.jwks-url", MockServers.url(fal) + "/.well-known/jwks.json");
        properties.put("darkroom.providers.fal.timeout", "3s");
        properties.put("darkroom.providers.fal.callback-grace", "1s");
        properties.put("darkroom.providers.fal.poll-interval", "100ms");
        properties.put("darkroom.providers.fal.download-hosts", MockServers.url(fal));
        properties.put("darkroom.providers.fal.requests-per-minute", "6000");
        properties.put("darkroom.providers.fal.price-per-image", "0.003");
        return properties;
    }

    @BeforeEach
    void reset() {
        fal.reset();
        elsewhere.reset();
        byte[] spki = falKey.getPublic().getEncoded();
        String x = Base64.getUrlEncoder().withoutPadding().encodeToString(
                Arrays.copyOfRange(spki, spki.length - 32, spki.length));
        fal.when(request().withMethod("GET").withPath("/.well-known/jwks.json"))
                .respond(json(200, "{\"keys\":[{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + x + "\","
                        + "\"kid\":\"fal-1\",\"use\":\"sig\"}]}"));
        fal.when(request().withMethod("GET").withPath("/files/.*"))
                .respond(response().withStatusCode(200).withHeader("content-type", "image/jpeg")
                        .withBody(Pictures.png(48, 48)));
        fal.when(request().withMethod("PUT").withPath("/fal-ai/flux/requests/.*/cancel"))
                .respond(json(202, "{\"status\":\"CANCELLATION_REQUESTED\"}"));
    }

    @AfterAll
    void stop() {
        fal.stop();
        elsewhere.stop();
    }

    static KeyPair ed25519() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static HttpResponse json(int status, String body) {
        return response().withStatusCode(status).withHeader("content-type", "application/json").withBody(body);
    }

    static HttpRequest submit() {
        return request().withMethod("POST").withPath("/" + MODEL);
    }

    String requestUrl(String id) {
        return MockServers.url(fal) + "/fal-ai/flux/requests/" + id;
    }

    String queued(String id) {
        return "{\"request_id\":\"" + id + "\",\"response_url\":\"" + requestUrl(id) + "\","
                + "\"status_url\":\"" + requestUrl(id) + "/status\",\"cancel_url\":\"" + requestUrl(id) + "/cancel\","
                + "\"queue_position\":0}";
    }

    String result(String id, boolean nsfw) {
        return "{\"images\":[{\"url\":\"" + MockServers.url(fal) + "/files/" + id + ".jpeg\",\"width\":512,"
                + "\"height\":512,\"content_type\":\"image/jpeg\"}],\"timings\":{\"inference\":0.4},"
                + "\"seed\":42,\"has_nsfw_concepts\":[" + nsfw + "],\"prompt\":\"a knife\"}";
    }

    String webhook(String id, String resultJson) {
        return "{\"request_id\":\"" + id + "\",\"gateway_request_id\":\"" + id + "\",\"status\":\"OK\","
                + "\"payload\":" + resultJson + "}";
    }

    /** Every submit is queued under a fresh id. */
    void submissionsAreQueued() {
        fal.when(submit()).respond(r -> json(200, queued("req-" + ids.incrementAndGet())));
    }

    /** Status polls say COMPLETED, and the result is there. */
    void requestsCompleteWhenPolled(boolean nsfw) {
        fal.when(request().withMethod("GET").withPath("/fal-ai/flux/requests/.*/status"))
                .respond(json(200, "{\"status\":\"COMPLETED\",\"logs\":[],\"metrics\":{\"inference_time\":0.4}}"));
        fal.when(request().withMethod("GET").withPath("/fal-ai/flux/requests/[^/]*"))
                .respond(r -> json(200, result(r.getPath().getValue().replaceAll(".*/", ""), nsfw)));
    }

    ProviderCallbacks.Reply deliver(String id, String body, KeyPair signer) {
        return new ProviderCallbacks(http).post(CALLBACK, body, signedHeaders(id, body, signer,
                Instant.now().getEpochSecond()));
    }

    static Map<String, String> signedHeaders(String id, String body, KeyPair signer, long timestamp) {
        String userId = "user-42";
        String message = id + "\n" + userId + "\n" + timestamp + "\n"
                + Sha256.hex(body.getBytes(StandardCharsets.UTF_8));
        try {
            Signature ed25519 = Signature.getInstance("Ed25519");
            ed25519.initSign(signer.getPrivate());
            ed25519.update(message.getBytes(StandardCharsets.UTF_8));
            return Map.of("X-Fal-Webhook-Request-Id", id, "X-Fal-Webhook-User-Id", userId,
                    "X-Fal-Webhook-Timestamp", Long.toString(timestamp),
                    "X-Fal-Webhook-Signature", HexFormat.of().formatHex(ed25519.sign()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static ImageRequest anImage() {
        return new ImageRequest(UUID.randomUUID().toString(), "run-1", new dev.darkroom.run.ImageSpec("ev-1", ImageKind.EVIDENCE, "Bent knife",
                "A bent kitchen knife"));
    }

    Prediction predictionOf(String jobId) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> predictions.findAll().stream()
                .filter(p -> p.jobId().equals(jobId)).findFirst(), Optional::isPresent).orElseThrow();
    }

    @Test
    void aJobCompletesWhenFalCallsBackAndNothingIsPolled() {
        submissionsAreQueued();
        Jobs jobs = new Jobs(http);
        String jobId = jobs.create("case-fal", Cases.body(1, 0)).jobId();

        String id = predictionOf(jobId).predictionId();
        ProviderCallbacks.Reply reply = deliver(id, webhook(id, result(id, false)), falKey);
        JobView done = jobs.awaitTerminal(jobId);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(done.status()).isEqualTo("completed");
        assertThat(done.images().get(0).provider()).isEqualTo("fal");
        assertThat(done.costEstimate()).isEqualByComparingTo("0.003");
        fal.verify(submit()
                .withHeader("Authorization", "Key fal-test-key:secret")
                .withQueryStringParameter("fal_webhook", "https://darkroom.example.test" + CALLBACK));
        fal.verify(request().withPath("/fal-ai/flux/requests/" + id + "/status"), VerificationTimes.never());
    }

    @Test
    void withoutAWebhookTheStatusIsPolledAndTheResultFetched() {
        submissionsAreQueued();
        fal.when(request().withMethod("GET").withPath("/fal-ai/flux/requests/.*/status"), Times.exactly(2))
                .respond(json(200, "{\"status\":\"IN_PROGRESS\",\"logs\":[]}"));
        requestsCompleteWhenPolled(false);
        Jobs jobs = new Jobs(http);

        JobView done = jobs.awaitTerminal(jobs.create("case-fal-poll", Cases.body(1, 1)).jobId());

        assertThat(done.status()).isEqualTo("completed");
        assertThat(done.images()).allSatisfy(i -> assertThat(i.provider()).isEqualTo("fal"));
    }

    @Test
    void aRequestNeitherCalledBackNorDoneInTimeTimesOutAndIsCanceled() {
        submissionsAreQueued();
        fal.when(request().withMethod("GET").withPath("/fal-ai/flux/requests/.*/status"))
                .respond(json(200, "{\"status\":\"IN_QUEUE\",\"queue_position\":3}"));

        ProviderException late = catchThrowableOfType(ProviderException.class, () -> provider.generate(anImage()));

        assertThat(late.retryable()).isTrue();
        assertThat(late.code()).isEqualTo("timeout");
        fal.verify(request().withMethod("PUT").withPath("/fal-ai/flux/requests/.*/cancel"),
                VerificationTimes.exactly(1));
    }

    @Test
    void anImageTheSafetyCheckerFlaggedIsARefusal() {
        submissionsAreQueued();
        requestsCompleteWhenPolled(true);

        ProviderException refused = catchThrowableOfType(ProviderException.class, () -> provider.generate(anImage()));

        assertThat(refused.retryable()).isFalse();
        assertThat(refused.code()).isEqualTo("content_policy");
    }

    @Test
    void throttlingAndServerErrorsAreRetryableAndAJobCompletesAcrossThem() {
        fal.when(submit(), Times.once()).respond(json(429, "{\"detail\":\"Too many requests\"}")
                .withHeader("retry-after", "0"));
        fal.when(submit(), Times.once()).respond(json(502, "{\"detail\":\"Bad gateway\",\"error_type\":"
                + "\"internal_error\"}").withHeader("X-Fal-Error-Type", "internal_error"));
        submissionsAreQueued();
        requestsCompleteWhenPolled(false);
        Jobs jobs = new Jobs(http);

        JobView done = jobs.awaitTerminal(jobs.create("case-fal-flaky", Cases.body(1, 0)).jobId());

        assertThat(done.status()).isEqualTo("completed");
        fal.verify(submit(), VerificationTimes.exactly(3));
    }

    @Test
    void malformedAnswersAreBadOutput() {
        fal.when(submit(), Times.once()).respond(json(200, "{\"queue_position\":0}"));
        submissionsAreQueued();
        fal.when(request().withMethod("GET").withPath("/fal-ai/flux/requests/.*/status"))
                .respond(json(200, "{\"status\":\"COMPLETED\"}"));
        fal.when(request().withMethod("GET").withPath("/fal-ai/flux/requests/[^/]*"))
                .respond(json(200, "{\"images\":[],\"has_nsfw_concepts\":[]}"));

        ProviderException noId = catchThrowableOfType(ProviderException.class, () -> provider.generate(anImage()));
        ProviderException noImages = catchThrowableOfType(ProviderException.class,
                () -> provider.generate(anImage()));

        assertThat(noId.code()).isEqualTo("bad_output");
        assertThat(noId.retryable()).isFalse();
        assertThat(noImages.code()).isEqualTo("bad_output");
        assertThat(noImages.retryable()).isFalse();
    }

    @Test
    void aValidWebhookMarksTheRequestDoneAndADuplicateChangesNothing() {
        String id = "cb-" + UUID.randomUUID();
        store.open(FalImageProvider.NAME, id, anImage());
        String body = webhook(id, result(id, false));

        ProviderCallbacks.Reply first = deliver(id, body, falKey);
        Prediction afterFirst = predictions.findById(Prediction.key("fal", id)).orElseThrow();
        ProviderCallbacks.Reply again = deliver(id, body, falKey);
        Prediction afterAgain = predictions.findById(Prediction.key("fal", id)).orElseThrow();

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body().get("applied")).isEqualTo(true);
        assertThat(afterFirst.status()).isEqualTo(PredictionStatus.SUCCEEDED);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().get("applied")).isEqualTo(false);
        assertThat(afterAgain).isEqualTo(afterFirst);
    }

    @Test
    void aWebhookSignedWithAnotherKeyTamperedOrStaleIsRefused() {
        String id = "cb-" + UUID.randomUUID();
        store.open(FalImageProvider.NAME, id, anImage());
        String body = webhook(id, result(id, false));
        Map<String, String> genuine = signedHeaders(id, body, falKey, Instant.now().getEpochSecond());

        ProviderCallbacks.Reply stranger = deliver(id, body, strangerKey);
        ProviderCallbacks.Reply tampered = new ProviderCallbacks(http).post(CALLBACK,
                body.replace("\"OK\"", "\"ERROR\""), genuine);
        ProviderCallbacks.Reply stale = new ProviderCallbacks(http).post(CALLBACK, body,
                signedHeaders(id, body, falKey, Instant.now().minus(Duration.ofHours(1)).getEpochSecond()));
        ProviderCallbacks.Reply unsigned = new ProviderCallbacks(http).post(CALLBACK, body, Map.of());

        assertThat(stranger.status()).isEqualTo(401);
        assertThat(tampered.status()).isEqualTo(401);
        assertThat(stale.status()).isEqualTo(401);
        assertThat(unsigned.status()).isEqualTo(401);
        assertThat(predictions.findById(Prediction.key("fal", id)).orElseThrow().status())
                .isEqualTo(PredictionStatus.PENDING);
    }

    @Test
    void aQueueAnswerNamingAnotherHostOrPortIsRefusedAndThatPlaceNeverGetsTheKey() {
        String otherPort = MockServers.url(elsewhere);
        String otherHost = "http://localhost:" + elsewhere.getPort();
        fal.when(submit(), Times.once()).respond(json(200, queued("spoof-1")
                .replace("\"status_url\":\"" + MockServers.url(fal), "\"status_url\":\"" + otherPort)));
        fal.when(submit(), Times.once()).respond(json(200, queued("spoof-2")
                .replace("\"response_url\":\"" + MockServers.url(fal), "\"response_url\":\"" + otherHost)));
        // Another name for the very same server: only the host differs from the configured queue's.
        fal.when(submit(), Times.once()).respond(json(200, queued("spoof-3")
                .replace("\"status_url\":\"" + MockServers.url(fal), "\"status_url\":\"http://localhost:"
                        + fal.getPort())));
        requestsCompleteWhenPolled(false);
        elsewhere.when(request()).respond(json(200, "{\"status\":\"COMPLETED\"}"));

        ProviderException spoofedStatus = catchThrowableOfType(ProviderException.class,
                () -> provider.generate(anImage()));
        ProviderException spoofedResponse = catchThrowableOfType(ProviderException.class,
                () -> provider.generate(anImage()));
        ProviderException otherName = catchThrowableOfType(ProviderException.class,
                () -> provider.generate(anImage()));

        assertThat(spoofedStatus.code()).isEqualTo("bad_output");
        assertThat(spoofedStatus.retryable()).isFalse();
        assertThat(spoofedStatus.getMessage()).contains("status_url", "127.0.0.1:" + elsewhere.getPort());
        assertThat(spoofedResponse.code()).isEqualTo("bad_output");
        assertThat(spoofedResponse.getMessage()).contains("response_url", "localhost:" + elsewhere.getPort());
        assertThat(otherName.code()).isEqualTo("bad_output");
        assertThat(otherName.getMessage()).contains("status_url", "localhost:" + fal.getPort());
        assertThat(elsewhere.retrieveRecordedRequests(request())).isEmpty();
        assertThat(fal.retrieveRecordedRequests(request().withPath("/fal-ai/flux/requests/spoof-.*"))).isEmpty();
    }

    @Test
    void theKeyGoesOnlyToTheQueueAndNeverWithAnOutputDownload() {
        submissionsAreQueued();
        requestsCompleteWhenPolled(false);

        provider.generate(anImage());

        assertThat(fal.retrieveRecordedRequests(request().withPath("/files/.*")))
                .isNotEmpty()
                .allSatisfy(download -> assertThat(download.containsHeader("Authorization")).isFalse());
        fal.verify(request().withPath("/fal-ai/flux/requests/.*/status")
                .withHeader("Authorization", "Key fal-test-key:secret"), VerificationTimes.atLeast(1));
    }

    @Test
    void aWebhookWhoseBodyNamesAnotherRequestThanTheSignedOneIsRefused() {
        String signed = "cb-" + UUID.randomUUID();
        String other = "cb-" + UUID.randomUUID();
        store.open(FalImageProvider.NAME, signed, anImage());
        store.open(FalImageProvider.NAME, other, anImage());

        ProviderCallbacks.Reply reply = deliver(signed, webhook(other, result(other, false)), falKey);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(predictions.findById(Prediction.key("fal", signed)).orElseThrow().status())
                .isEqualTo(PredictionStatus.PENDING);
        assertThat(predictions.findById(Prediction.key("fal", other)).orElseThrow().status())
                .isEqualTo(PredictionStatus.PENDING);
    }

    @Test
    void aWebhookWithAnOverlongOrUnsafeRequestIdIs400() {
        String overlong = "r".repeat(161);
        String unsafe = "../../x";

        ProviderCallbacks.Reply tooLong = deliver(overlong, webhook(overlong, result(overlong, false)), falKey);
        ProviderCallbacks.Reply traversal = deliver(unsafe, webhook(unsafe, result(unsafe, false)), falKey);

        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.body().toString()).contains("X-Fal-Webhook-Request-Id");
        assertThat(traversal.status()).isEqualTo(400);
    }

    @Test
    void aWebhookForAnUnknownRequestIs404() {
        String id = "never-" + UUID.randomUUID();

        ProviderCallbacks.Reply reply = deliver(id, webhook(id, result(id, false)), falKey);

        assertThat(reply.status()).isEqualTo(404);
    }
}
