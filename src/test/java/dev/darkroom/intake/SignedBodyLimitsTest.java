package dev.darkroom.intake;

import dev.darkroom.problem.Problem;
import dev.darkroom.run.WebhookSignature;
import dev.darkroom.support.HeadersOnly;
import dev.darkroom.support.SignedWebhooks;
import io.micronaut.context.annotation.Property;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * Each rule of the signed endpoints' intake, shown with requests whose body is promised and never sent: an answer
 * at all proves the server decided on the headers alone, before reading a byte of the body.
 */
@MicronautTest(transactional = false)
@Property(name = "darkroom.intake.bytes-in-flight", value = "1MB")
@Property(name = "darkroom.intake.retry-after", value = "3s")
@Property(name = "darkroom.providers.fal.api-key", value = "fal-test-key:secret")
@Property(name = "darkroom.providers.replicate.webhook-secret", value = SignedBodyLimitsTest.SECRET)
class SignedBodyLimitsTest {

    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String ONE_MB = "1048576";

    @Inject
    EmbeddedServer server;

    @Inject
    BytesInFlight budget;

    @Inject
    JsonMapper json;

    @Inject
    @Client("/")
    HttpClient http;

    @Test
    void anUnsignedWorkerEventIsRefusedWith401BeforeItsBodyIsRead() {
        HeadersOnly.Answer answer = promise("/v1/webhooks/worker", 3_900_000, Map.of());

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.headers().get("content-type")).isEqualTo(Problem.MEDIA_TYPE);
        assertThat(answer.body()).contains("webhook-id, webhook-timestamp, webhook-signature are required");
    }

    @Test
    void anUnsignedRunIsRefusedWith401BeforeItsBodyIsRead() {
        assertThat(promise("/internal/runs", 3_900_000, Map.of()).status()).isEqualTo(401);
    }

    @Test
    void aReplicateCallbackWithoutItsHeadersIsRefusedWith401BeforeItsBodyIsRead() {
        assertThat(promise("/v1/webhooks/providers/replicate", 3_900_000, Map.of()).status()).isEqualTo(401);
    }

    @Test
    void aFalCallbackWithoutItsHeadersIsRefusedWith401BeforeItsBodyIsRead() {
        HeadersOnly.Answer answer = promise("/v1/webhooks/providers/fal", 3_900_000, standardHeaders());

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.body()).contains("X-Fal-Webhook-Request-Id");
    }

    @Test
    void aTrailingSlashOrAnEncodedLetterDoesNotWalkAroundTheGuard() {
        assertThat(promise("/v1/webhooks/worker/", 3_900_000, Map.of()).status()).isIn(401, 404);
        assertThat(promise("/v1/webhooks/%77orker", 3_900_000, Map.of()).status()).isIn(401, 404);
        assertThat(promise("/internal/runs/", 3_900_000, Map.of()).status()).isIn(401, 404);
    }

    @Test
    void aStaleOrFutureTimestampIsRefusedBeforeTheBodyIsRead() {
        Map<String, String> stale = standardHeaders();
        stale.put("webhook-timestamp", Long.toString(Instant.now().minus(Duration.ofMinutes(10)).getEpochSecond()));
        Map<String, String> future = standardHeaders();
        future.put("webhook-timestamp", Long.toString(Instant.now().plus(Duration.ofMinutes(10)).getEpochSecond()));

        assertThat(promise("/v1/webhooks/worker", 1000, stale).body()).contains("outside the allowed window");
        assertThat(promise("/v1/webhooks/worker", 1000, future).body()).contains("outside the allowed window");
    }

    @Test
    void aWorkerEventOverItsLimitIsRefusedWith413NamingTheLimit() {
        HeadersOnly.Answer answer = promise("/v1/webhooks/worker", 3_900_000, standardHeaders());

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.body()).contains("3900000 bytes", ONE_MB + " bytes", "darkroom.intake.worker-event");
    }

    @Test
    void aRunOverItsLimitIsRefusedWith413NamingTheLimit() {
        HeadersOnly.Answer answer = promise("/internal/runs", 1_048_577, standardHeaders());

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.body()).contains(ONE_MB + " bytes", "darkroom.intake.run");
    }

    @Test
    void aFalCallbackOverItsLimitIsRefusedWith413NamingTheLimit() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Fal-Webhook-Request-Id", "req-1");
        headers.put("X-Fal-Webhook-User-Id", "user-1");
        headers.put("X-Fal-Webhook-Timestamp", Long.toString(Instant.now().getEpochSecond()));
        headers.put("X-Fal-Webhook-Signature", "ab".repeat(64));

        HeadersOnly.Answer answer = promise("/v1/webhooks/providers/fal", 2_000_000, headers);

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.body()).contains("darkroom.intake.provider-callback");
    }

    @Test
    void aSignedBodyWithoutALengthIsRefusedWith411() {
        Map<String, String> headers = standardHeaders();
        headers.put("Transfer-Encoding", "chunked");
        try (HeadersOnly request = HeadersOnly.post(server.getPort(), "/v1/webhooks/worker", headers)) {
            assertThat(request.answer().status()).isEqualTo(411);
        }
    }

    @Test
    void aBodyThatDoesNotFitTheBudgetWaitsOutsideWith503AndRetryAfterUntilTheBudgetIsFree() {
        try (HeadersOnly holding = HeadersOnly.post(server.getPort(), "/v1/webhooks/worker",
                withLength(standardHeaders(), 900_000))) {
            await("the first body's reservation").atMost(Duration.ofSeconds(10))
                    .until(() -> budget.held() == 900_000);

            HeadersOnly.Answer refused = promise("/internal/runs", 200_000, standardHeaders());

            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.headers()).containsEntry("retry-after", "3");
            assertThat(refused.body()).contains("darkroom.intake.bytes-in-flight");
        }
        await("the budget back after the caller went away").atMost(Duration.ofSeconds(10))
                .until(() -> budget.held() == 0);
    }

    @Test
    void aCreateRequestWithoutATokenIsRefusedWith401BeforeItsBodyIsRead() {
        assertThat(promise("/v1/cases/case-1/image-jobs", 3_900_000, Map.of()).status()).isEqualTo(401);
    }

    @Test
    void aGenuineSignedEventPassesAndGivesItsBytesBack() {
        SignedWebhooks webhooks = new SignedWebhooks(http, json, SECRET);

        HttpClientResponseException unknownJob = catchThrowableOfType(HttpClientResponseException.class,
                () -> webhooks.send(SignedWebhooks.runStarted("no-such-job", "run-1")));

        assertThat(unknownJob.getStatus().getCode()).as("read, verified and looked up").isEqualTo(404);
        await().atMost(Duration.ofSeconds(10)).until(() -> budget.held() == 0);
    }

    /** POSTs headers that promise {@code length} bytes, sends none of them, and reads the answer. */
    private HeadersOnly.Answer promise(String path, long length, Map<String, String> headers) {
        try (HeadersOnly request = HeadersOnly.post(server.getPort(), path, withLength(headers, length))) {
            return request.answer();
        }
    }

    private static Map<String, String> withLength(Map<String, String> headers, long length) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Content-Type", "application/json");
        all.put("Content-Length", Long.toString(length));
        return all;
    }

    /** Well-formed Standard Webhooks headers; the signature is of no body, so only the headers' shape passes. */
    private static Map<String, String> standardHeaders() {
        long now = Instant.now().getEpochSecond();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("webhook-id", "msg_flood");
        headers.put("webhook-timestamp", Long.toString(now));
        headers.put("webhook-signature", WebhookSignature.sign(WebhookSignature.decodeSecret(SECRET), "msg_flood",
                now, new byte[0]));
        return headers;
    }
}
