package dev.darkroom.status;

import dev.darkroom.support.Cases;
import dev.darkroom.support.Jobs;
import dev.darkroom.support.Tokens;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A job waiting for a worker shows its place among the due runs and since when it waits; the place moves as the
 * runs ahead go, with no change to the job itself, and the view says so however the client revalidates.
 */
@MicronautTest(transactional = false)
@Property(name = "darkroom.local-generator.hang-ids", value = "hang-1")
@Property(name = "darkroom.worker.max-runs", value = "1")
@Property(name = "darkroom.worker.image-timeout", value = "1h")
@Property(name = "darkroom.roles.recovery", value = "false")
class QueuePositionTest {

    @Inject
    @Client("/")
    HttpClient http;

    @Test
    void aWaitingJobShowsItsPlaceAndItsWaitAndThePlaceMovesWhenARunAheadGoes() {
        Jobs jobs = new Jobs(http);
        String busy = jobs.create("case-q-busy", Map.of("evidence",
                List.of(Cases.item("hang-1", "Hanging", "Never made")))).jobId();
        await().atMost(Duration.ofSeconds(10)).until(() -> jobs.get(busy).status().equals("generating"));
        assertThat(jobs.get(busy).queuePosition()).isNull();

        String first = jobs.create("case-q-1", Cases.body(1, 0)).jobId();
        String second = jobs.create("case-q-2", Cases.body(1, 0)).jobId();
        String third = jobs.create("case-q-3", Cases.body(1, 0)).jobId();

        assertThat(jobs.get(first).queuePosition()).isEqualTo(1);
        assertThat(jobs.get(second).queuePosition()).isEqualTo(2);
        HttpResponse<JobView> before = get(third, null);
        assertThat(before.body().queuePosition()).isEqualTo(3);
        assertThat(before.body().waitingSince()).isNotNull().isBeforeOrEqualTo(java.time.Instant.now());

        http.toBlocking().exchange(HttpRequest.POST("/v1/jobs/" + first + "/cancel", "")
                .bearerAuth(Tokens.backend()));

        HttpResponse<JobView> after = get(third, before.header("ETag"));
        assertThat(after.code()).as("the job did not change, its place did").isEqualTo(200);
        assertThat(after.body().queuePosition()).isEqualTo(2);
        assertThat(after.body().waitingSince()).isEqualTo(before.body().waitingSince());
    }

    private HttpResponse<JobView> get(String jobId, String etag) {
        var request = HttpRequest.GET("/v1/jobs/" + jobId).bearerAuth(Tokens.backend());
        if (etag != null) {
            request.header("If-None-Match", etag);
        }
        return http.toBlocking().exchange(request, Argument.of(JobView.class));
    }
}
