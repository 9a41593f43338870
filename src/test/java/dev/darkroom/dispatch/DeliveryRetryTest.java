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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.mockserver.integration.ClientAndServer;
import org.mockserver.matchers.Times;
import org.mockserver.model.HttpForward;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockserver.model.HttpRequest.request;
import static org.mockserver.model.HttpResponse.response;

/**
 * MockServer sits between the roles of one process: in front of the worker, and in front of the receiver. It
 * refuses the first attempts, then lets traffic through; nothing may be lost on the way.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeliveryRetryTest implements TestPropertyProvider {

    final ClientAndServer proxy = MockServers.start();

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("darkroom.dispatch.worker-url", MockServers.url(proxy),
                "darkroom.webhook.receiver-url", MockServers.url(proxy),
                "darkroom.dispatch.max-backoff", "5s");
    }

    @BeforeEach
    void resetProxy() {
        proxy.reset();
    }

    @AfterAll
    void stopProxy() {
        proxy.stop();
    }

    @Test
    void aWorkerThatRefusesTheFirstDispatchAttemptsGetsTheRunLater() {
        proxy.when(request().withPath("/internal/runs"), Times.exactly(1))
                .respond(response().withStatusCode(503));
        proxy.when(request().withPath("/internal/runs"), Times.exactly(1))
                .error(org.mockserver.model.HttpError.error().withDropConnection(true));
        forwardEverythingElse();

        Jobs jobs = new Jobs(http);
        JobView done = jobs.awaitTerminal(jobs.create("case-worker-refuses", Cases.body(3, 1)).jobId());

        assertThat(done.status()).isEqualTo("completed");
        assertThat(proxy.retrieveRecordedRequests(request().withPath("/internal/runs"))).hasSize(3);
    }

    @Test
    void webhooksRefusedByABusyReceiverAreRetriedUntilTheyLand() {
        proxy.when(request().withPath("/v1/webhooks/worker"), Times.exactly(2))
                .respond(response().withStatusCode(503));
        proxy.when(request().withPath("/v1/webhooks/worker"), Times.exactly(1))
                .respond(response().withStatusCode(429).withHeader("Retry-After", "1"));
        forwardEverythingElse();

        Jobs jobs = new Jobs(http);
        JobView done = jobs.awaitTerminal(jobs.create("case-receiver-busy", Cases.body(4, 2)).jobId());

        assertThat(done.status()).isEqualTo("completed");
        assertThat(done.counts().succeeded()).isEqualTo(6);
        // run.started + 6 images + run.finished, plus the three refused tries (heartbeats may add a few). The
        // summary goes out after the last image, so it may still be on its way when the job is complete.
        var deliveries = await().atMost(Duration.ofSeconds(10)).until(
                () -> proxy.retrieveRecordedRequests(request().withPath("/v1/webhooks/worker")),
                recorded -> recorded.length >= 8 + 3);
        assertThat(deliveries).allSatisfy(d -> assertThat(d.getFirstHeader("webhook-signature")).startsWith("v1,"));
    }

    @Test
    void aBusyWorkersRetryAfterIsHonoured() {
        proxy.when(request().withPath("/internal/runs"), Times.exactly(1))
                .respond(response().withStatusCode(429).withHeader("Retry-After", "2"));
        forwardEverythingElse();

        Jobs jobs = new Jobs(http);
        JobView done = jobs.awaitTerminal(jobs.create("case-worker-busy", Cases.body(1, 0)).jobId());

        assertThat(done.status()).isEqualTo("completed");
        long[] sends = MockServers.arrivals(proxy, request().withPath("/internal/runs"));
        assertThat(sends).hasSize(2);
        assertThat(sends[1]).as("the second send waits for Retry-After").isGreaterThanOrEqualTo(1_900);
    }

    private void forwardEverythingElse() {
        proxy.when(request()).forward(HttpForward.forward().withHost("127.0.0.1").withPort(server.getPort()));
    }
}
