package dev.darkroom.callback;

import dev.darkroom.status.JobView;
import dev.darkroom.support.Cases;
import dev.darkroom.support.Jobs;
import dev.darkroom.support.MockServers;
import dev.darkroom.support.PostgresServer;
import dev.darkroom.support.Tokens;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.mockserver.integration.ClientAndServer;
import org.mockserver.matchers.Times;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockserver.model.HttpRequest.request;
import static org.mockserver.model.HttpResponse.response;

/** The callback's outbox, its claim and its attempts, and the queue's count, on a real PostgreSQL. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CallbackOnPostgresTest implements TestPropertyProvider {

    private final ClientAndServer backend = MockServers.start();
    EmbeddedPostgres postgres;

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    ApplicationContext context;

    @Override
    public Map<String, String> getProperties() {
        postgres = PostgresServer.started();
        Map<String, String> settings = PostgresServer.settingsFor(postgres);
        settings.putAll(Map.of(
                "darkroom.callbacks.allowed-hosts", MockServers.url(backend),
                "darkroom.callbacks.poll-interval", "50ms",
                "darkroom.callbacks.initial-backoff", "50ms",
                "darkroom.callbacks.max-backoff", "200ms",
                "darkroom.local-generator.hang-ids", "hang-1",
                "darkroom.worker.max-runs", "1",
                "darkroom.worker.image-timeout", "1h",
                "darkroom.roles.recovery", "false"));
        return settings;
    }

    @AfterAll
    void stop() throws IOException {
        context.stop();
        postgres.close();
        backend.stop();
    }

    @Test
    void aWaitingJobHasItsPlaceAndACanceledJobsCallbackIsDeliveredAfterA503() {
        backend.when(request().withPath("/hooks/pg"), Times.exactly(1)).respond(response().withStatusCode(503));
        backend.when(request().withPath("/hooks/pg")).respond(response().withStatusCode(200));
        Jobs jobs = new Jobs(http);
        String busy = jobs.create("case-pg-busy", Map.of("evidence",
                List.of(Cases.item("hang-1", "Hanging", "Never made")))).jobId();
        await().atMost(Duration.ofSeconds(10)).until(() -> jobs.get(busy).status().equals("generating"));
        Map<String, Object> body = Cases.body(1, 0);
        body.put("callback", Map.of("url", MockServers.url(backend) + "/hooks/pg"));
        String waiting = jobs.create("case-pg-waiting", body).jobId();
        assertThat(jobs.get(waiting).queuePosition()).isEqualTo(1);

        http.toBlocking().exchange(HttpRequest.POST("/v1/jobs/" + waiting + "/cancel", "")
                .bearerAuth(Tokens.backend()));

        JobView view = await().atMost(Duration.ofSeconds(30)).until(() -> jobs.get(waiting),
                v -> v.callback() != null && v.callback().status().equals("delivered"));
        assertThat(view.callback().attempts()).extracting(JobView.CallbackAttemptView::statusCode)
                .containsExactly(503, 200);
        assertThat(view.queuePosition()).isNull();
    }
}
