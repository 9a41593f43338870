package dev.darkroom.metrics;

import dev.darkroom.security.Scopes;
import dev.darkroom.status.JobView;
import dev.darkroom.support.Cases;
import dev.darkroom.support.Jobs;
import dev.darkroom.support.Scrape;
import dev.darkroom.support.Tokens;
import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One job of 14 images, 4 of them refused by the provider, and what the scrape says of it afterwards: the numbers,
 * not only the names.
 */
@MicronautTest(transactional = false)
@Property(name = "darkroom.local-generator.fail-ids", value = "ev-1,ev-2,ev-3,loc-1")
// No heartbeat in the middle of the run: every webhook the run sends is counted below.
@Property(name = "darkroom.worker.heartbeat-interval", value = "1h")
@Property(name = "darkroom.roles.recovery", value = "false")
class ScrapeAfterKnownRunTest {

    /** run.started, one event per image, run.finished. */
    private static final int EVENTS = 1 + 14 + 1;

    @Inject
    @Client("/")
    HttpClient http;

    @Test
    void aJobOfFourteenImagesWithFourRefusedShowsInEveryFigure() {
        JobView job = new Jobs(http).create("case-metrics", Cases.body(10, 4));
        assertThat(new Jobs(http).awaitTerminal(job.jobId()).status()).isEqualTo("partial");

        // run.finished is sent once the last image is applied, so the job may end before the run's last word.
        Scrape scrape = await().atMost(Duration.ofSeconds(10)).until(this::scrape,
                s -> s.value("darkroom_webhook_latency_seconds_count") == EVENTS);

        assertThat(scrape.value("darkroom_images_total", "outcome", "succeeded", "provider", "local", "kind", "evidence"))
                .isEqualTo(7);
        assertThat(scrape.value("darkroom_images_total", "outcome", "succeeded", "provider", "local", "kind", "location"))
                .isEqualTo(3);
        assertThat(scrape.value("darkroom_images_total", "outcome", "failed", "provider", "local", "kind", "evidence"))
                .isEqualTo(3);
        assertThat(scrape.value("darkroom_images_total", "outcome", "failed", "provider", "local", "kind", "location"))
                .isEqualTo(1);
        assertThat(scrape.value("darkroom_image_failures_total", "code", "content_policy")).isEqualTo(4);
        assertThat(scrape.value("darkroom_image_failures_total")).isEqualTo(4);

        assertThat(scrape.value("darkroom_image_generation_seconds_count", "provider", "local")).isEqualTo(10);
        assertThat(scrape.value("darkroom_image_generation_seconds_bucket", "provider", "local", "le", "+Inf"))
                .isEqualTo(10);
        assertThat(scrape.value("darkroom_provider_calls_total", "provider", "local", "outcome", "succeeded"))
                .isEqualTo(10);
        assertThat(scrape.value("darkroom_provider_calls_total", "provider", "local", "outcome", "refused"))
                .isEqualTo(4);
        assertThat(scrape.value("darkroom_provider_calls_total", "provider", "local", "outcome", "failed"))
                .isZero();
        assertThat(scrape.has("darkroom_provider_rate_limited_seconds_total", "provider", "local")).isTrue();
        assertThat(scrape.value("darkroom_provider_circuit_open", "provider", "local")).isZero();

        assertThat(scrape.value("darkroom_job_duration_seconds_count", "status", "partial")).isEqualTo(1);
        assertThat(scrape.value("darkroom_job_duration_seconds_count")).isEqualTo(1);
        assertThat(scrape.value("darkroom_job_duration_seconds_bucket", "status", "partial", "le", "+Inf"))
                .isEqualTo(1);

        assertThat(scrape.value("darkroom_webhook_deliveries_total", "outcome", "delivered")).isEqualTo(EVENTS);
        assertThat(scrape.value("darkroom_webhook_deliveries_total", "outcome", "retried")).isZero();
        assertThat(scrape.value("darkroom_webhook_deliveries_total", "outcome", "given_up")).isZero();
        assertThat(scrape.value("darkroom_webhook_latency_seconds_bucket", "le", "+Inf")).isEqualTo(EVENTS);

        assertThat(scrape.has("darkroom_jobs", "status", "pending")).isTrue();
        assertThat(scrape.value("darkroom_jobs")).isZero();
        assertThat(scrape.has("darkroom_jobs_stuck")).isTrue();
        assertThat(scrape.value("darkroom_jobs_stuck")).isZero();
        assertThat(scrape.has("darkroom_dispatch_backlog")).isTrue();
        assertThat(scrape.value("darkroom_dispatch_backlog")).isZero();
        assertThat(scrape.value("darkroom_recoveries_total")).isZero();
        assertThat(scrape.has("executor_completed_tasks_total", "name", "darkroom-images")).isTrue();
    }

    @Test
    void theScrapeCarriesWhatMicronautMeasuresOfTheJvmHttpExecutorsAndConnectionPool() {
        scrape();

        Scrape scrape = scrape();

        assertThat(scrape.names()).contains("jvm_memory_used_bytes", "jvm_threads_live_threads",
                "process_cpu_usage", "http_server_requests_seconds_count", "executor_completed_tasks_total",
                "hikaricp_connections_active");
    }

    private Scrape scrape() {
        return new Scrape(http.toBlocking().retrieve(HttpRequest.GET("/metrics")
                .bearerAuth(Tokens.withScopes(Scopes.OPS_READ))));
    }
}
