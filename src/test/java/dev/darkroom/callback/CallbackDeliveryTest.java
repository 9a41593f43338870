package dev.darkroom.callback;

import com.standardwebhooks.Webhook;
import dev.darkroom.status.JobView;
import dev.darkroom.support.Cases;
import dev.darkroom.support.Jobs;
import dev.darkroom.support.MockServers;
import dev.darkroom.support.Tokens;
import io.micronaut.http.HttpRequest;
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
import org.mockserver.matchers.Times;
import org.mockserver.model.Header;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;
import static org.mockserver.model.HttpRequest.request;
import static org.mockserver.model.HttpResponse.response;

/** The game backend, played by MockServer, hears of each job's end once, signed, however long it was down. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CallbackDeliveryTest implements TestPropertyProvider {

    private static final String SECRET = "whsec_" + java.util.Base64.getEncoder()
            .encodeToString("callback-secret-of-the-tests-32by".getBytes());
    private static final String PREVIOUS = "whsec_" + java.util.Base64.getEncoder()
            .encodeToString("an-older-callback-secret-32bytes".getBytes());

    private final ClientAndServer backend = MockServers.start();

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    JsonMapper json;

    @Override
    public Map<String, String> getProperties() {
        return Map.of(
                "darkroom.callbacks.allowed-hosts", MockServers.url(backend),
                "darkroom.callbacks.secret", SECRET,
                "darkroom.callbacks.previous-secrets", PREVIOUS,
                "darkroom.callbacks.poll-interval", "50ms",
                "darkroom.callbacks.initial-backoff", "50ms",
                "darkroom.callbacks.max-backoff", "200ms",
                "darkroom.local-generator.fail-ids", "ev-2");
    }

    @BeforeEach
    void reset() {
        backend.reset();
    }

    @AfterAll
    void stop() {
        backend.stop();
    }

    @Test
    void aBackendDownForAWhileGetsExactlyOneAcceptedDeliveryWithEveryAttemptRecorded() throws Exception {
        backend.when(request().withPath("/hooks/down"), Times.exactly(3)).respond(response().withStatusCode(503));
        backend.when(request().withPath("/hooks/down")).respond(response().withStatusCode(204));

        JobView job = create("c-callback-down", "/hooks/down");

        JobView view = awaitCallback(job.jobId(), "delivered");
        assertThat(view.callback().attempts()).extracting(JobView.CallbackAttemptView::statusCode)
                .containsExactly(503, 503, 503, 204);
        assertThat(view.callback().attempts()).allSatisfy(a -> assertThat(a.at()).isNotNull());
        assertThat(view.callback().attempts().subList(0, 3))
                .allSatisfy(a -> assertThat(a.nextAttemptAt()).isAfter(a.at()));
        assertThat(view.callback().attempts().get(3).nextAttemptAt()).isNull();

        org.mockserver.model.HttpRequest[] received = backend.retrieveRecordedRequests(request().withPath("/hooks/down"));
        assertThat(received).hasSize(4);
        // Every attempt is the same event: one id, one body, so the backend can drop what it already took.
        assertThat(Arrays.stream(received).map(r -> r.getFirstHeader("webhook-id")).distinct()).hasSize(1);
        assertThat(Arrays.stream(received).map(r -> r.getBodyAsString()).distinct()).hasSize(1);
    }

    @Test
    void theEventIsSignedPerStandardWebhooksWithTheCurrentAndThePreviousSecretAndCarriesTheSummary()
            throws Exception {
        backend.when(request().withPath("/hooks/signed")).respond(response().withStatusCode(200));

        JobView job = create("c-callback-signed", "/hooks/signed");
        awaitCallback(job.jobId(), "delivered");

        org.mockserver.model.HttpRequest received = backend.retrieveRecordedRequests(
                request().withPath("/hooks/signed"))[0];
        String body = new String(received.getBodyAsRawBytes(), java.nio.charset.StandardCharsets.UTF_8);
        // MockServer splits a header's value at its commas; the wire had one value, put back together here.
        Map<String, List<String>> headers = received.getHeaderList().stream()
                .collect(Collectors.toMap(h -> h.getName().getValue().toLowerCase(),
                        h -> List.of(h.getValues().stream().map(v -> v.getValue()).collect(Collectors.joining(",")))));
        // The official library is the independent check: each secret alone verifies the event.
        new Webhook(SECRET).verify(body, headers);
        new Webhook(PREVIOUS).verify(body, headers);
        assertThat(catchThrowableOfType(Exception.class, () -> new Webhook("whsec_" + java.util.Base64.getEncoder()
                .encodeToString("some-other-secret-of-32-bytes-ab".getBytes())).verify(body, headers)))
                .isNotNull();

        JsonNode event = json.readValue(body, JsonNode.class);
        assertThat(event.get("type").getStringValue()).isEqualTo("job.finished");
        JsonNode data = event.get("data");
        assertThat(data.get("jobId").getStringValue()).isEqualTo(job.jobId());
        assertThat(data.get("status").getStringValue()).isEqualTo("partial");
        assertThat(data.get("counts").get("succeeded").getIntValue()).isEqualTo(1);
        assertThat(data.get("counts").get("failed").getIntValue()).isEqualTo(1);
        assertThat(data.get("costEstimate")).isNotNull();
        JsonNode images = data.get("images");
        assertThat(images.get(0).get("id").getStringValue()).isEqualTo("ev-1");
        assertThat(images.get(0).get("url").getStringValue()).isEqualTo("/v1/jobs/" + job.jobId() + "/images/ev-1");
        assertThat(images.get(1).get("status").getStringValue()).isEqualTo("failed");
        assertThat(images.get(1).get("error").get("code").getStringValue()).isEqualTo("content_policy");
    }

    @Test
    void goneStopsTheRetries() {
        backend.when(request().withPath("/hooks/gone")).respond(response().withStatusCode(410));

        JobView job = create("c-callback-gone", "/hooks/gone");

        JobView view = awaitCallback(job.jobId(), "gave-up");
        assertThat(view.callback().attempts()).singleElement()
                .satisfies(a -> assertThat(a.statusCode()).isEqualTo(410))
                .satisfies(a -> assertThat(a.nextAttemptAt()).isNull());
        assertThat(backend.retrieveRecordedRequests(request().withPath("/hooks/gone"))).hasSize(1);
    }

    @Test
    void aConnectionRefusedIsRetriedAndRecordedWithItsError() {
        backend.when(request().withPath("/hooks/drop"), Times.exactly(1)).error(
                org.mockserver.model.HttpError.error().withDropConnection(true));
        backend.when(request().withPath("/hooks/drop")).respond(response().withStatusCode(200));

        JobView job = create("c-callback-drop", "/hooks/drop");

        JobView view = awaitCallback(job.jobId(), "delivered");
        assertThat(view.callback().attempts()).hasSize(2);
        assertThat(view.callback().attempts().get(0).statusCode()).isNull();
        assertThat(view.callback().attempts().get(0).error()).isNotBlank();
    }

    @Test
    void redeliverSendsTheSameEventAgainAndIsRefusedWhileTheJobIsActiveOrWithoutACallback() {
        backend.when(request().withPath("/hooks/again")).respond(response().withStatusCode(200));
        JobView job = create("c-callback-again", "/hooks/again");
        awaitCallback(job.jobId(), "delivered");

        HttpResponse<?> answer = http.toBlocking().exchange(HttpRequest.POST(
                "/v1/jobs/" + job.jobId() + "/callback/redeliver", "").bearerAuth(Tokens.backend()));
        assertThat(answer.getStatus().getCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                backend.retrieveRecordedRequests(request().withPath("/hooks/again")).length == 2);
        org.mockserver.model.HttpRequest[] received = backend.retrieveRecordedRequests(
                request().withPath("/hooks/again"));
        assertThat(received[1].getFirstHeader("webhook-id")).isEqualTo(received[0].getFirstHeader("webhook-id"));
        await().atMost(Duration.ofSeconds(10)).until(() -> jobs().get(job.jobId()).callback().attempts().size() == 2);

        JobView without = jobs().awaitTerminal(jobs().create("c-callback-none", Cases.body(1, 0)).jobId());
        HttpClientResponseException missing = catchThrowableOfType(HttpClientResponseException.class,
                () -> http.toBlocking().exchange(HttpRequest.POST("/v1/jobs/" + without.jobId()
                        + "/callback/redeliver", "").bearerAuth(Tokens.backend())));
        assertThat(missing.getStatus().getCode()).isEqualTo(404);
    }

    private Jobs jobs() {
        return new Jobs(http);
    }

    private JobView create(String caseId, String path) {
        Map<String, Object> body = Cases.body(2, 0);
        body.put("callback", Map.of("url", MockServers.url(backend) + path));
        return jobs().create(caseId, body);
    }

    private JobView awaitCallback(String jobId, String status) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> jobs().get(jobId), view -> view.callback() != null
                        && view.callback().status().equals(status));
    }
}
