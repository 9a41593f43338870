package dev.darkroom.ops;

import dev.darkroom.security.Scopes;
import dev.darkroom.support.Cases;
import dev.darkroom.support.Jobs;
import dev.darkroom.support.Scrape;
import dev.darkroom.support.TestClock;
import dev.darkroom.support.Tokens;
import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The gauges read from the database, on a worker with room for one run: one job hangs in generating, the next waits
 * for the slot with its dispatch due, and the test's clock decides when the first counts as stuck.
 */
@MicronautTest(transactional = false)
@Property(name = "darkroom.local-generator.hang-ids", value = "hang-1")
@Property(name = "darkroom.worker.max-runs", value = "1")
@Property(name = "darkroom.worker.image-timeout", value = "1h")
@Property(name = "darkroom.roles.recovery", value = "false")
class DatabaseGaugesTest {

    private static final TestClock CLOCK = new TestClock();

    @Inject
    @Client("/")
    HttpClient http;

    @MockBean(Clock.class)
    Clock clock() {
        return CLOCK;
    }

    @Test
    void activeJobsTheBacklogAndStuckJobsAreCountedAndAJobIsStuckOnlyAfterStuckAfter() {
        Jobs jobs = new Jobs(http);
        jobs.create("case-hangs", Map.of("evidence", List.of(Cases.item("hang-1", "Hanging", "Never made")),
                "locations", List.of()));
        await().atMost(Duration.ofSeconds(10)).until(() -> scrape().value("darkroom_jobs", "status", "generating") == 1);
        jobs.create("case-waits", Cases.body(1, 0));

        Scrape waiting = await().atMost(Duration.ofSeconds(10)).until(this::scrape,
                s -> s.value("darkroom_dispatch_backlog") == 1);
        assertThat(waiting.value("darkroom_jobs", "status", "pending")).isEqualTo(1);
        assertThat(waiting.value("darkroom_jobs", "status", "dispatched")).isZero();
        assertThat(waiting.value("darkroom_jobs", "status", "generating")).isEqualTo(1);
        assertThat(waiting.value("darkroom_jobs_stuck")).isZero();

        CLOCK.advance(Duration.ofMinutes(9));
        assertThat(scrape().value("darkroom_jobs_stuck")).as("9 minutes without progress").isZero();

        CLOCK.advance(Duration.ofMinutes(2));
        assertThat(scrape().value("darkroom_jobs_stuck")).as("11 minutes without progress").isEqualTo(1);
    }

    private Scrape scrape() {
        return new Scrape(http.toBlocking().retrieve(HttpRequest.GET("/metrics")
                // Tokens expire on the service's clock, which this test moves on.
                .bearerAuth(Tokens.issuedAt(CLOCK.instant(), Scopes.OPS_READ))));
    }
}
