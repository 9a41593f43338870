package dev.darkroom.recovery;

import dev.darkroom.support.Cases;
import dev.darkroom.support.Jobs;
import dev.darkroom.support.Tokens;
import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Retention passes run as if on later days, so age decides and no test waits for it. */
@MicronautTest(transactional = false)
@Property(name = "darkroom.recovery.retention", value = "30d")
@Property(name = "darkroom.local-generator.hang-ids", value = "ev-3") // keeps the second job active
class RetentionTest {

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    Retention retention;

    @Test
    void terminalJobsAreDeletedWithTheirImagesOnlyOnceOlderThanTheRetention() {
        Jobs jobs = new Jobs(http);
        String finished = jobs.awaitTerminal(jobs.create("case-old", Cases.body(1, 0)).jobId()).jobId();
        String imageUrl = "/v1/jobs/" + finished + "/images/ev-1";
        String active = jobs.create("case-active", Cases.body(3, 0)).jobId();

        retention.pruneAsOf(Instant.now().plus(Duration.ofDays(29)));
        assertThat(statusOf("/v1/jobs/" + finished)).as("29 days on, still kept").isEqualTo(200);
        assertThat(statusOf(imageUrl)).isEqualTo(200);

        retention.pruneAsOf(Instant.now().plus(Duration.ofDays(31)));
        assertThat(statusOf("/v1/jobs/" + finished)).as("31 days on, deleted").isEqualTo(404);
        assertThat(statusOf(imageUrl)).isEqualTo(404);
        assertThat(statusOf("/v1/jobs/" + active)).as("an active job is never deleted").isEqualTo(200);
    }

    private int statusOf(String path) {
        HttpClientResponseException e = catchThrowableOfType(HttpClientResponseException.class,
                () -> http.toBlocking().exchange(HttpRequest.GET(path).bearerAuth(Tokens.backend())));
        return e == null ? 200 : e.getStatus().getCode();
    }
}
