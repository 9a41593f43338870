package dev.darkroom.ops;

import dev.darkroom.StopRequested;
import dev.darkroom.support.Cases;
import dev.darkroom.support.Jobs;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A node asked to stop is not ready from that moment on, while its worker still drains the image in flight; it is
 * still alive. The stop is the event SIGTERM publishes, sent here by hand so the test's JVM lives on.
 */
@MicronautTest(transactional = false)
@Property(name = "darkroom.local-generator.hang-ids", value = "hang-1")
@Property(name = "darkroom.worker.image-timeout", value = "1h")
@Property(name = "darkroom.worker.drain-timeout", value = "5s")
@Property(name = "darkroom.roles.recovery", value = "false")
class ReadinessTest {

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    ApplicationEventPublisher<StopRequested> stop;

    @Test
    void readinessIsDownAsSoonAsTheDrainStartsAndLivenessStaysUp() {
        Jobs jobs = new Jobs(http);
        String jobId = jobs.create("case-drains", Map.of("evidence",
                List.of(Cases.item("hang-1", "Hanging", "Never made")), "locations", List.of())).jobId();
        await().atMost(Duration.ofSeconds(10)).until(() -> "generating".equals(jobs.get(jobId).status()));
        assertThat(status("/health/readiness")).isEqualTo(200);

        // The worker's drain holds the event until the image in flight ends or the drain timeout passes.
        CompletableFuture<Void> drain = CompletableFuture.runAsync(() -> stop.publishEvent(new StopRequested()));

        await().atMost(Duration.ofSeconds(4)).until(() -> status("/health/readiness") == 503);
        assertThat(drain).as("the drain is still going on").isNotDone();
        assertThat(status("/health")).isEqualTo(503);
        assertThat(status("/health/liveness")).isEqualTo(200);

        drain.join();
        assertThat(status("/health/readiness")).isEqualTo(503);
    }

    private int status(String path) {
        try {
            return http.toBlocking().exchange(HttpRequest.GET(path), String.class).getStatus().getCode();
        } catch (HttpClientResponseException e) {
            return e.getStatus().getCode();
        }
    }
}
