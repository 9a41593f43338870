package dev.darkroom.worker;

import dev.darkroom.problem.Problem;
import dev.darkroom.run.RunReport;
import dev.darkroom.status.JobView;
import dev.darkroom.support.Cases;
import dev.darkroom.support.EndedRuns;
import dev.darkroom.support.Jobs;
import dev.darkroom.support.MockServers;
import dev.darkroom.support.OpenAiWire;
import dev.darkroom.support.Tokens;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
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
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockserver.model.HttpRequest.request;

/**
 * A cancel stops the provider calls themselves, not only the job record: OpenAI answers slower than anything in
 * this test waits (30 s), and each image would be tried twice, 3 s apart, if its run went on. So a run that was
 * really stopped ends with only its first calls ever made. MockServer sits in front of the worker, so a test can
 * hold a run on its way there.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CancelStopsWorkTest implements TestPropertyProvider {

    final ClientAndServer openai = MockServers.start();
    final ClientAndServer proxy = MockServers.start();

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    EmbeddedServer server;

    @Inject
    RunRegistry registry;

    @Inject
    EndedRuns ended;

    @Override
    public Map<String, String> getProperties() {
        return Map.of(
                "darkroom.dispatch.worker-url", MockServers.url(proxy),
                "darkroom.providers.order", "openai",
                "darkroom.providers.openai.api-key", "sk-test-key",
                "darkroom.providers.openai.base-url", MockServers.url(openai),
                "darkroom.providers.openai.requests-per-minute", "6000",
                "darkroom.worker.concurrency", "2",
                "darkroom.worker.image-timeout", "3s",
                "darkroom.worker.max-retries", "1");
    }

    @BeforeEach
    void reset() {
        openai.reset();
        openai.when(OpenAiWire.generations()).respond(OpenAiWire.image().withDelay(TimeUnit.SECONDS, 30));
        proxy.reset();
    }

    @AfterAll
    void stop() {
        openai.stop();
        proxy.stop();
    }

    @Test
    void aCancelStopsTheProviderCallsOfTheRun() {
        forwardToWorker();
        Jobs jobs = new Jobs(http);
        String jobId = jobs.create("case-cancel-calls", Cases.body(2, 0)).jobId();
        await().atMost(Duration.ofSeconds(10)).until(this::providerCalls, calls -> calls == 2);

        assertThat(cancel(jobId).status()).isEqualTo("canceled");

        String runId = awaitRunEnded(jobId);
        assertThat(registry.find(runId)).hasValueSatisfying(run -> assertThat(run.state())
                .isEqualTo(RunReport.State.CANCELED));
        assertThat(providerCalls()).as("no retry after the cancel").isEqualTo(2);
    }

    @Test
    void aCancelWhileTheRunIsOnItsWayToTheWorkerStillStopsTheWorker() {
        // The run is held at the proxy for two seconds: the job is canceled before the worker has it.
        proxy.when(request().withMethod("POST").withPath("/internal/runs"), Times.once())
                .forward(toWorker().withDelay(TimeUnit.SECONDS, 2));
        forwardToWorker();
        Jobs jobs = new Jobs(http);
        String jobId = jobs.create("case-cancel-in-flight", Cases.body(2, 0)).jobId();
        await().atMost(Duration.ofSeconds(10)).until(() -> proxy.retrieveRecordedRequests(request()
                .withMethod("POST").withPath("/internal/runs")).length == 1);
        assertThat(registry.running()).as("the worker has no run yet").isZero();

        assertThat(cancel(jobId).status()).isEqualTo("canceled");

        String runId = awaitRunEnded(jobId);
        assertThat(registry.find(runId)).as("the worker took the run after the cancel, and was told to stop it")
                .hasValueSatisfying(run -> assertThat(run.state()).isEqualTo(RunReport.State.CANCELED));
        assertThat(providerCalls()).as("only the first calls, no retry").isLessThanOrEqualTo(2);
        assertThat(proxy.retrieveRecordedRequests(request().withMethod("DELETE")
                .withPath("/internal/runs/" + runId))).isNotEmpty();
    }

    private String awaitRunEnded(String jobId) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> ended.of(jobId), r -> r.isPresent()).orElseThrow();
    }

    private int providerCalls() {
        return openai.retrieveRecordedRequests(OpenAiWire.generations()).length;
    }

    private JobView cancel(String jobId) {
        return http.toBlocking().retrieve(HttpRequest.POST("/v1/jobs/" + jobId + "/cancel", "")
                .bearerAuth(Tokens.backend()), Argument.of(JobView.class), Argument.of(Problem.class));
    }

    private void forwardToWorker() {
        proxy.when(request()).forward(toWorker());
    }

    private HttpForward toWorker() {
        return HttpForward.forward().withHost("127.0.0.1").withPort(server.getPort());
    }
}
