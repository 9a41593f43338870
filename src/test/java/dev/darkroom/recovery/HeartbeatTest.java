package dev.darkroom.recovery;

import dev.darkroom.status.JobView;
import dev.darkroom.status.StatsController;
import dev.darkroom.support.Cases;
import dev.darkroom.support.Jobs;
import dev.darkroom.support.Tokens;
import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An image that takes longer than the run timeout: only the run's heartbeats tell recovery the run is alive.
 * Without them recovery would step in (and count it) while the worker is simply busy.
 */
@MicronautTest(transactional = false)
@Property(name = "darkroom.local-generator.latency", value = "2500ms")
@Property(name = "darkroom.worker.heartbeat-interval", value = "200ms")
@Property(name = "darkroom.recovery.run-timeout", value = "1s")
@Property(name = "darkroom.recovery.start-deadline", value = "1s")
@Property(name = "darkroom.recovery.interval", value = "200ms")
class HeartbeatTest {

    @Inject
    @Client("/")
    HttpClient http;

    @Test
    void aSlowButLivelyRunIsLeftAlone() {
        Jobs jobs = new Jobs(http);
        JobView done = jobs.awaitTerminal(jobs.create("case-slow-image", Cases.body(1, 0)).jobId());

        assertThat(done.status()).isEqualTo("completed");
        assertThat(done.attempt()).isEqualTo(1);
        StatsController.Stats stats = http.toBlocking().retrieve(HttpRequest.GET("/v1/ops/stats")
                .bearerAuth(Tokens.backend()), StatsController.Stats.class);
        assertThat(stats.recoveries()).as("recovery never had to step in").isZero();
    }
}
