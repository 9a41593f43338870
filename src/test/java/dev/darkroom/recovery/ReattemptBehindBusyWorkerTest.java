package dev.darkroom.recovery;

import dev.darkroom.job.outbox.DispatchRepository;
import dev.darkroom.job.outbox.DispatchStatus;
import dev.darkroom.support.Cases;
import dev.darkroom.support.Jobs;
import dev.darkroom.support.SignedWebhooks;
import dev.darkroom.support.SilentWorker;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.mockserver.matchers.Times;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockserver.model.HttpRequest.request;
import static org.mockserver.model.HttpResponse.response;

/**
 * A new attempt of a job that is already generating waits behind a busy worker for longer than the stall bound.
 * Being taken by a worker is progress: the fresh run gets the whole bound, instead of being taken for stalled the
 * moment it is sent.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReattemptBehindBusyWorkerTest implements TestPropertyProvider {

    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    JsonMapper json;

    @Inject
    DispatchRepository dispatches;

    SilentWorker worker;

    @Override
    public Map<String, String> getProperties() {
        worker = new SilentWorker(JsonMapper.createDefault());
        return Map.of("darkroom.dispatch.worker-url", worker.url(),
                "darkroom.dispatch.busy-pause", "100ms",
                "darkroom.dispatch.max-attempts", "2",
                "darkroom.recovery.interval", "200ms",
                "darkroom.recovery.start-deadline", "1s",
                "darkroom.recovery.run-timeout", "1s",
                "darkroom.recovery.stall-timeout", "5s");
    }

    @AfterAll
    void stop() {
        worker.stop();
    }

    @Test
    void aNewAttemptThatWaitedLongerThanTheStallBoundIsNotTakenForStalledWhenItIsSent() {
        // The first run is taken, then lost (the worker does not know it); its successor meets a full worker for
        // well over the stall bound, then is taken.
        worker.server().when(runs(), Times.once()).respond(response().withStatusCode(202).withBody("{}"));
        worker.server().when(runs(), Times.exactly(70)).respond(response().withStatusCode(429));
        worker.server().when(runs()).respond(response().withStatusCode(202).withBody("{}"));
        Jobs jobs = new Jobs(http);
        String jobId = jobs.create("case-reattempt-behind-busy", Cases.body(1, 0)).jobId();
        String firstRun = await().atMost(Duration.ofSeconds(10)).until(() -> worker.runsFor(jobId),
                sent -> !sent.isEmpty()).get(0).runId();
        new SignedWebhooks(http, json, SECRET).send(SignedWebhooks.runStarted(jobId, firstRun));

        List<SilentWorker.SentRun> sent = await().atMost(Duration.ofSeconds(15))
                .until(() -> worker.runsFor(jobId), runs -> runs.size() >= 2);
        String secondRun = sent.get(1).runId();
        assertThat(sent.get(1).attempt()).isEqualTo(2);
        // Once taken, the worker says the second run is running: only the stall bound can take it for lost.
        worker.server().when(request().withMethod("GET").withPath("/internal/runs/" + secondRun))
                .respond(response().withHeader("Content-Type", "application/json").withBody(
                        "{\"runId\":\"%s\",\"jobId\":\"%s\",\"state\":\"RUNNING\"}".formatted(secondRun, jobId)));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> dispatches.findFirstByRunIdAndStatus(secondRun, DispatchStatus.SENT).isPresent());

        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                .until(() -> jobs.get(jobId), job -> job.finishedAt() == null && job.attempt() == 2);
    }

    private static org.mockserver.model.HttpRequest runs() {
        return request().withMethod("POST").withPath("/internal/runs");
    }
}
