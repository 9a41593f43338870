package dev.darkroom.callback;

import dev.darkroom.job.callback.CallbackAttempt;
import dev.darkroom.job.callback.CallbackAttemptRepository;
import dev.darkroom.security.Scopes;
import dev.darkroom.status.JobView;
import dev.darkroom.support.Cases;
import dev.darkroom.support.MockServers;
import dev.darkroom.support.TestClock;
import dev.darkroom.support.Tokens;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.mockserver.integration.ClientAndServer;
import org.mockserver.matchers.Times;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;
import static org.mockserver.model.HttpRequest.request;
import static org.mockserver.model.HttpResponse.response;

/**
 * A backend's Retry-After is waited out on the service's clock, which the test moves; every attempt moves the job
 * view on, its tag included. A job still running has no callback to send again; a canceled one calls back too.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CallbackRetryAfterTest implements TestPropertyProvider {

    private static final TestClock CLOCK = new TestClock();

    private final ClientAndServer backend = MockServers.start();

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    CallbackDelivery delivery;

    @Inject
    CallbackAttemptRepository attempts;

    @MockBean(Clock.class)
    Clock clock() {
        return CLOCK;
    }

    @Override
    public Map<String, String> getProperties() {
        return Map.of(
                "darkroom.callbacks.allowed-hosts", MockServers.url(backend),
                "darkroom.callbacks.poll-interval", "50ms",
                "darkroom.local-generator.hang-ids", "hang-1",
                "darkroom.roles.recovery", "false");
    }

    @AfterAll
    void stop() {
        backend.stop();
    }

    @Test
    void retryAfterIsWaitedOutAndEachAttemptChangesTheViewAndItsTag() {
        backend.when(request().withPath("/hooks/busy"), Times.exactly(1))
                .respond(response().withStatusCode(429).withHeader("Retry-After", "120"));
        backend.when(request().withPath("/hooks/busy")).respond(response().withStatusCode(200));
        String jobId = create("c-callback-busy", "/hooks/busy", Cases.body(1, 0));

        List<CallbackAttempt> first = await().atMost(Duration.ofSeconds(30))
                .until(() -> attempts.findByJobIdOrderByAttemptedAt(jobId), list -> list.size() == 1);
        CallbackAttempt busy = first.get(0);
        assertThat(busy.statusCode()).isEqualTo(429);
        assertThat(Duration.between(busy.attemptedAt(), busy.nextAttemptAt()))
                .isBetween(Duration.ofSeconds(119), Duration.ofSeconds(121));
        HttpResponse<JobView> before = get(jobId, null);
        assertThat(before.body().callback().status()).isEqualTo("due");

        CLOCK.advance(Duration.ofSeconds(100));
        delivery.deliverDue();
        assertThat(backend.retrieveRecordedRequests(request().withPath("/hooks/busy"))).hasSize(1);

        CLOCK.advance(Duration.ofSeconds(21));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> attempts.findByJobIdOrderByAttemptedAt(jobId).size() == 2);
        HttpResponse<JobView> after = get(jobId, before.header("ETag"));
        assertThat(after.code()).isEqualTo(200);
        assertThat(after.header("ETag")).isNotEqualTo(before.header("ETag"));
        assertThat(after.body().callback().status()).isEqualTo("delivered");
        assertThat(after.body().callback().attempts()).extracting(JobView.CallbackAttemptView::statusCode)
                .containsExactly(429, 200);
    }

    @Test
    void aRunningJobHasNoCallbackToRedeliverAndACanceledJobCallsBack() {
        backend.when(request().withPath("/hooks/cancel")).respond(response().withStatusCode(200));
        String jobId = create("c-callback-cancel", "/hooks/cancel",
                Map.of("evidence", List.of(Cases.item("hang-1", "Hanging", "Never made"))));

        HttpClientResponseException active = catchThrowableOfType(HttpClientResponseException.class,
                () -> http.toBlocking().exchange(HttpRequest.POST("/v1/jobs/" + jobId + "/callback/redeliver", "")
                        .bearerAuth(token())));
        assertThat(active.getStatus().getCode()).isEqualTo(409);

        http.toBlocking().exchange(HttpRequest.POST("/v1/jobs/" + jobId + "/cancel", "").bearerAuth(token()));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> backend.retrieveRecordedRequests(request().withPath("/hooks/cancel")).length == 1);
        String body = new String(backend.retrieveRecordedRequests(request().withPath("/hooks/cancel"))[0]
                .getBodyAsRawBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(body).contains("\"status\":\"canceled\"");
    }

    private String create(String caseId, String path, Map<String, Object> cases) {
        Map<String, Object> body = new java.util.LinkedHashMap<>(cases);
        body.put("callback", Map.of("url", MockServers.url(backend) + path));
        return http.toBlocking().retrieve(HttpRequest.POST("/v1/cases/" + caseId + "/image-jobs", body)
                .bearerAuth(token()), JobView.class).jobId();
    }

    private HttpResponse<JobView> get(String jobId, String etag) {
        HttpRequest<?> request = HttpRequest.GET("/v1/jobs/" + jobId).bearerAuth(token());
        if (etag != null) {
            request = ((io.micronaut.http.MutableHttpRequest<?>) request).header("If-None-Match", etag);
        }
        return http.toBlocking().exchange(request, Argument.of(JobView.class));
    }

    /** Tokens expire on the service's clock, which this test moves on. */
    private static String token() {
        return Tokens.issuedAt(CLOCK.instant(), Scopes.JOBS_WRITE, Scopes.JOBS_READ);
    }
}
