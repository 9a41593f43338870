package dev.darkroom.metrics;

import dev.darkroom.Sha256;
import dev.darkroom.security.Scopes;
import dev.darkroom.support.Cases;
import dev.darkroom.support.Jobs;
import dev.darkroom.support.Pictures;
import dev.darkroom.support.Scrape;
import dev.darkroom.support.SilentWorker;
import dev.darkroom.support.Tokens;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockserver.model.HttpRequest.request;
import static org.mockserver.model.HttpResponse.response;

/**
 * Recovery's interventions by what it found, behind a worker that accepts runs and never reports: a run it lost
 * (each of a job's three attempts, then the job fails), and outcomes pulled that no webhook brought.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RecoveriesCountedTest implements TestPropertyProvider {

    private static final byte[] JPEG = Pictures.jpeg(512, 512);

    @Inject
    @Client("/")
    HttpClient http;

    SilentWorker worker;

    @Override
    public Map<String, String> getProperties() {
        worker = new SilentWorker(JsonMapper.createDefault());
        worker.reset();
        return Map.of("darkroom.dispatch.worker-url", worker.url(),
                "darkroom.recovery.interval", "200ms",
                "darkroom.recovery.start-deadline", "1s",
                "darkroom.recovery.run-timeout", "1s",
                "darkroom.dispatch.max-attempts", "3");
    }

    @AfterAll
    void stop() {
        worker.stop();
    }

    @Test
    void eachLostRunAndEachPullIsCountedAndTheJobThatGaveUpEndsFailed() {
        Jobs jobs = new Jobs(http);
        String lost = jobs.create("case-lost", Cases.body(1, 0)).jobId();
        assertThat(jobs.awaitTerminal(lost).status()).isEqualTo("failed");

        String pulled = jobs.create("case-pulled", Cases.body(2, 0)).jobId();
        String runId = await().atMost(Duration.ofSeconds(10)).until(() -> worker.runsFor(pulled), r -> !r.isEmpty())
                .get(0).runId();
        worker.server().when(request().withMethod("GET").withPath("/internal/runs/" + runId))
                .respond(response().withHeader("Content-Type", "application/json").withBody("""
                        {"runId":"%1$s","jobId":"%2$s","state":"FINISHED","succeeded":[
                          {"jobId":"%2$s","runId":"%1$s","seq":1,"imageId":"ev-1","contentType":"image/jpeg",
                           "width":512,"height":512,"sha256":"%3$s"}],
                         "failed":[{"jobId":"%2$s","runId":"%1$s","seq":2,"imageId":"ev-2",
                           "error":{"code":"content_policy","message":"refused","retryable":false}}],
                         "bytesHeld":["ev-1"]}
                        """.formatted(runId, pulled, Sha256.hex(JPEG))));
        worker.server().when(request().withMethod("GET").withPath("/internal/runs/" + runId + "/images/ev-1"))
                .respond(response().withHeader("Content-Type", "image/jpeg").withBody(JPEG));
        assertThat(jobs.awaitTerminal(pulled).status()).isEqualTo("partial");

        Scrape scrape = new Scrape(http.toBlocking().retrieve(HttpRequest.GET("/metrics")
                .bearerAuth(Tokens.withScopes(Scopes.OPS_READ))));
        assertThat(scrape.value("darkroom_recoveries_total", "reason", "lost")).isEqualTo(3);
        assertThat(scrape.value("darkroom_recoveries_total", "reason", "pulled")).isEqualTo(1);
        assertThat(scrape.value("darkroom_recoveries_total", "reason", "stalled")).isZero();
        assertThat(scrape.value("darkroom_recoveries_total", "reason", "incomplete")).isZero();
        assertThat(scrape.value("darkroom_job_duration_seconds_count", "status", "failed")).isEqualTo(1);
        assertThat(scrape.value("darkroom_job_duration_seconds_count", "status", "partial")).isEqualTo(1);
        assertThat(scrape.value("darkroom_jobs")).isZero();
    }
}
