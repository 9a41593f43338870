package dev.darkroom.stream;

import dev.darkroom.support.Cases;
import dev.darkroom.support.Jobs;
import dev.darkroom.support.Tokens;
import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The node that commits an event pushes it to its own streams at once, without waiting for its poller. */
@MicronautTest(transactional = false)
@Property(name = "darkroom.roles.worker", value = "false")
@Property(name = "darkroom.stream.poll-interval", value = "1h")
class SameNodeWakeUpTest {

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    EmbeddedServer server;

    @Test
    void aCancelOnThisNodeReachesItsOpenStreamAtOnceAndEndsIt() {
        String jobId = new Jobs(http).create("stream-wake-up", Cases.body(2, 0)).jobId();
        SseClient stream = SseClient.open(server.getURL().toString(), "/v1/jobs/" + jobId + "/events",
                Map.of("Authorization", "Bearer " + Tokens.backend()));
        await().atMost(Duration.ofSeconds(5)).until(() -> !stream.retries.isEmpty());

        http.toBlocking().exchange(HttpRequest.POST("/v1/jobs/" + jobId + "/cancel", "")
                .bearerAuth(Tokens.backend()));

        await().atMost(Duration.ofSeconds(1)).until(() -> stream.closed);
        assertThat(stream.names()).endsWith("job.status", "job.finished");
        assertThat(stream.events.get(stream.events.size() - 1).data()).contains("\"status\":\"canceled\"");
    }
}
