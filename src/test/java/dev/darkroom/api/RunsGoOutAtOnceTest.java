package dev.darkroom.api;

import dev.darkroom.status.JobView;
import dev.darkroom.support.Cases;
import dev.darkroom.support.Jobs;
import dev.darkroom.support.Tokens;
import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A new or retried job's run goes out when the job commits, not at the dispatcher's poll: here the first poll is an
 * hour away (the poll interval is also its first delay), so the announced run is the only way it can leave.
 */
@MicronautTest(transactional = false)
@Property(name = "darkroom.dispatch.poll-interval", value = "1h")
@Property(name = "darkroom.local-generator.fail-ids", value = "ev-2")
class RunsGoOutAtOnceTest {

    @Inject
    @Client("/")
    HttpClient http;

    Jobs jobs;

    @BeforeEach
    void client() {
        jobs = new Jobs(http);
    }

    @Test
    void aNewJobsRunIsSentWithoutWaitingForAPoll() {
        JobView done = jobs.awaitTerminal(jobs.create("case-at-once", Cases.body(1, 0)).jobId());

        assertThat(done.status()).isEqualTo("completed");
    }

    @Test
    void aRetriedJobsRunIsSentWithoutWaitingForAPoll() {
        JobView partial = jobs.awaitTerminal(jobs.create("case-retry-at-once", Cases.body(2, 0)).jobId());
        assertThat(partial.status()).isEqualTo("partial");

        http.toBlocking().exchange(HttpRequest.POST("/v1/jobs/" + partial.jobId() + "/retry", "")
                .bearerAuth(Tokens.backend()));

        JobView retried = await().atMost(Duration.ofSeconds(30))
                .until(() -> jobs.get(partial.jobId()),
                        view -> view.finishedAt() != null && view.finishedAt().isAfter(partial.finishedAt()));
        assertThat(retried.status()).isEqualTo("partial");
    }
}
