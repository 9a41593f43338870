package dev.darkroom.dispatch;

import dev.darkroom.status.JobView;
import dev.darkroom.support.Cases;
import dev.darkroom.support.Jobs;
import dev.darkroom.support.MockServers;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.mockserver.integration.ClientAndServer;
import org.mockserver.model.HttpForward;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockserver.model.HttpRequest.request;

/**
 * A backlog sixty times the worker's capacity, lasting far longer than every send and attempt budget: a busy
 * worker is capacity, so every job waits its turn and completes on its first attempt, and the dispatcher does not
 * hammer the full worker meanwhile. MockServer sits in front of the worker to count its busy answers.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BacklogTest implements TestPropertyProvider {

    static final int CASES = 60;

    final ClientAndServer proxy = MockServers.start();

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        return Map.ofEntries(
                Map.entry("darkroom.dispatch.worker-url", MockServers.url(proxy)),
                Map.entry("darkroom.worker.max-runs", "1"),
                Map.entry("darkroom.local-generator.latency", "100ms"),
                // The whole budget of a run that cannot be delivered: two sends 20 to 50 ms apart, one attempt.
                // The backlog lasts seconds, hundreds of times longer.
                Map.entry("darkroom.dispatch.max-tries", "2"),
                Map.entry("darkroom.dispatch.initial-backoff", "20ms"),
                Map.entry("darkroom.dispatch.max-backoff", "50ms"),
                Map.entry("darkroom.dispatch.max-attempts", "1"),
                Map.entry("darkroom.api.creations-per-minute", "1000"));
    }

    @AfterAll
    void stopProxy() {
        proxy.stop();
    }

    @Test
    void aBacklogManyTimesTheWorkersCapacityCompletesWithoutAFailureOrASecondAttempt() {
        proxy.when(request()).forward(HttpForward.forward().withHost("127.0.0.1").withPort(server.getPort()));
        Jobs jobs = new Jobs(http);
        List<String> jobIds = IntStream.range(0, CASES)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> jobs.create("case-backlog-" + i,
                        Cases.body(1, 0)).jobId()))
                .toList().stream().map(CompletableFuture::join).toList();

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                .until(() -> jobIds.stream().allMatch(id -> jobs.get(id).finishedAt() != null));

        for (String jobId : jobIds) {
            JobView done = jobs.get(jobId);
            assertThat(done.status()).as("job %s", jobId).isEqualTo("completed");
            assertThat(done.attempt()).as("job %s", jobId).isEqualTo(1);
            assertThat(done.failureReason()).as("job %s", jobId).isNull();
        }
        long busy = Arrays.stream(proxy.retrieveRecordedRequestsAndResponses(request().withMethod("POST")
                        .withPath("/internal/runs")))
                .filter(exchange -> exchange.getHttpResponse().getStatusCode() == 429)
                .count();
        // Sending stops at a busy answer until a run ends or the worker's Retry-After (5 s) passes, so each of
        // those ends lets at most one send find the worker full: about one busy answer per run. Sending on every
        // poll instead gives well over twice as many.
        assertThat(busy).as("busy answers").isLessThanOrEqualTo(CASES + CASES / 2);
    }
}
