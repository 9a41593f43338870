package dev.darkroom.api;

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
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A new or retried job's run goes out when the job commits, not at the dispatcher's next poll: here the next poll
 * is an hour away, so the announced run is the only way it can leave.
 */
@MicronautTest(transactional = false)
@Property(name = "darkroom.dispatch.poll-interval", value = "1h")
@Property(name = "darkroom.local-generator.fail-ids", value = "ev-2")
class RunsGoOutAtOnceTest {

    @Inject
    @Client("/")
    HttpClient http;

    /** Later than the start of the context, which was running before any test of this class. */
    static Instant started;

    Jobs jobs;

    @BeforeEach
    void afterTheFirstPoll() {
        jobs = new Jobs(http);
        if (started == null) {
            started = Instant.now();
        }
        // The dispatcher polls once, a second after it starts, then not for an hour: only a run that became due
        // after that poll shows that announcing it is what sends it.
        await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(started.plusSeconds(2)));
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
