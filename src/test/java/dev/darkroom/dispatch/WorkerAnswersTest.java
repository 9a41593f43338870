package dev.darkroom.dispatch;

import dev.darkroom.job.outbox.DispatchRepository;
import dev.darkroom.job.outbox.DispatchStatus;
import dev.darkroom.status.JobView;
import dev.darkroom.support.Cases;
import dev.darkroom.support.Jobs;
import dev.darkroom.support.SilentWorker;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.mockserver.matchers.Times;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockserver.model.HttpRequest.request;
import static org.mockserver.model.HttpResponse.response;

/**
 * How the dispatcher reads a worker's answer, with a send budget of one try and one attempt: busy (429, 503, with
 * or without Retry-After) uses none of it; an error uses it up, and the job's reason says what the worker did.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkerAnswersTest implements TestPropertyProvider {

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    DispatchRepository dispatches;

    SilentWorker worker;

    @Override
    public Map<String, String> getProperties() {
        worker = new SilentWorker(JsonMapper.createDefault());
        return Map.of("darkroom.dispatch.worker-url", worker.url(),
                "darkroom.dispatch.max-tries", "1",
                "darkroom.dispatch.max-attempts", "1",
                "darkroom.dispatch.busy-pause", "100ms");
    }

    @BeforeEach
    void reset() {
        worker.server().reset();
    }

    @AfterAll
    void stop() {
        worker.stop();
    }

    @Test
    void busyAnswersUseNoTryWhateverTheyAskFor() {
        String now = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC));
        runs(Times.exactly(2), response().withStatusCode(503));
        runs(Times.exactly(1), response().withStatusCode(429).withHeader("Retry-After", "0"));
        runs(Times.exactly(1), response().withStatusCode(503).withHeader("Retry-After", now));
        runs(Times.exactly(1), response().withStatusCode(429));
        runs(Times.unlimited(), response().withStatusCode(202).withBody("{\"started\":true}"));
        Jobs jobs = new Jobs(http);
        String jobId = jobs.create("case-busy-worker", Cases.body(1, 0)).jobId();

        await().atMost(Duration.ofSeconds(10)).until(() -> jobs.get(jobId).status().equals("dispatched"));
        assertThat(worker.runsFor(jobId)).as("five busy answers, then taken").hasSize(6);
        assertThat(jobs.get(jobId).attempt()).isEqualTo(1);
        assertThat(dispatches.findByJobIdAndStatus(jobId, DispatchStatus.SENT))
                .singleElement().satisfies(sent -> assertThat(sent.tries()).as("tries used").isZero());
    }

    @Test
    void aWorkerThatErrsUsesTheBudgetAndTheReasonSaysWhatItAnswered() {
        runs(Times.unlimited(), response().withStatusCode(500));
        Jobs jobs = new Jobs(http);

        JobView failed = jobs.awaitTerminal(jobs.create("case-erring-worker", Cases.body(1, 0)).jobId());

        assertThat(failed.status()).isEqualTo("failed");
        assertThat(failed.failureReason()).contains("worker answered 500").doesNotContain("unreachable");
        assertThat(jobs.image(failed, "ev-1").error().message()).contains("worker answered 500");
    }

    private void runs(Times times, org.mockserver.model.HttpResponse answer) {
        worker.server().when(request().withMethod("POST").withPath("/internal/runs"), times).respond(answer);
    }
}
