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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

@MicronautTest(transactional = false)
@Property(name = "darkroom.recovery.retention", value = "1ms")
@Property(name = "darkroom.local-generator.latency", value = "300ms")
class RetentionTest {

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    Retention retention;

    @Test
    void terminalJobsOlderThanTheRetentionAreDeletedWithTheirImagesAndActiveOnesAreKept() {
        Jobs jobs = new Jobs(http);
        String oldJob = jobs.awaitTerminal(jobs.create("case-old", Cases.body(1, 0)).jobId()).jobId();
        String imageUrl = "/v1/jobs/" + oldJob + "/images/ev-1";
        String activeJob = jobs.create("case-active", Cases.body(3, 0)).jobId();

        retention.prune();

        assertThat(statusOf("/v1/jobs/" + oldJob)).isEqualTo(404);
        assertThat(statusOf(imageUrl)).isEqualTo(404);
        assertThat(jobs.get(activeJob).jobId()).isEqualTo(activeJob);
    }

    private int statusOf(String path) {
        HttpClientResponseException e = catchThrowableOfType(HttpClientResponseException.class,
                () -> http.toBlocking().exchange(HttpRequest.GET(path).bearerAuth(Tokens.backend())));
        return e == null ? 200 : e.getStatus().getCode();
    }
}
