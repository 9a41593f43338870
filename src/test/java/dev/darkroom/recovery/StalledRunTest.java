package dev.darkroom.recovery;

import dev.darkroom.run.RunReport;
import dev.darkroom.status.JobView;
import dev.darkroom.support.Cases;
import dev.darkroom.support.EndedRuns;
import dev.darkroom.support.Jobs;
import dev.darkroom.worker.RunRegistry;
import io.micronaut.context.annotation.Property;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A run that stays alive without making anything: its image hangs longer than the stall bound, while heartbeats
 * keep coming and the worker keeps saying "running". Past the bound it is taken for lost and stopped.
 */
@MicronautTest(transactional = false)
@Property(name = "darkroom.local-generator.hang-ids", value = "ev-1")
@Property(name = "darkroom.worker.image-timeout", value = "5m")
@Property(name = "darkroom.worker.heartbeat-interval", value = "100ms")
@Property(name = "darkroom.recovery.run-timeout", value = "1s")
@Property(name = "darkroom.recovery.start-deadline", value = "1s")
@Property(name = "darkroom.recovery.stall-timeout", value = "2s")
@Property(name = "darkroom.recovery.interval", value = "200ms")
@Property(name = "darkroom.dispatch.max-attempts", value = "1")
class StalledRunTest {

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    RunRegistry registry;

    @Inject
    EndedRuns ended;

    @Test
    void aRunThatHeartbeatsWithoutProgressIsTakenForLostAfterTheStallBound() {
        Jobs jobs = new Jobs(http);
        String jobId = jobs.create("case-stalled-run", Cases.body(1, 0)).jobId();

        JobView done = jobs.awaitTerminal(jobId);

        assertThat(done.status()).isEqualTo("failed");
        assertThat(done.failureReason()).contains("made no progress");
        assertThat(jobs.image(done, "ev-1").error().code()).isEqualTo("worker_lost");
        String runId = await().atMost(Duration.ofSeconds(10)).until(() -> ended.of(jobId), r -> r.isPresent())
                .orElseThrow();
        assertThat(registry.find(runId)).as("the stuck run was stopped on its worker")
                .hasValueSatisfying(run -> assertThat(run.state()).isEqualTo(RunReport.State.CANCELED));
    }
}
