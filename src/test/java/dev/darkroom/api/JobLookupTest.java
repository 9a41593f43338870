package dev.darkroom.api;

import dev.darkroom.problem.Problem;
import dev.darkroom.status.JobView;
import dev.darkroom.support.Cases;
import dev.darkroom.support.Jobs;
import dev.darkroom.support.Tokens;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Unknown jobs, cases and images are 404 problems, never empty bodies or 500s. */
@MicronautTest(transactional = false)
class JobLookupTest {

    @Inject
    @Client("/")
    HttpClient http;

    @Test
    void anUnknownJobIsNotFound() {
        assertNotFound("/v1/jobs/no-such-job");
    }

    @Test
    void aCaseWithoutJobsIsNotFound() {
        assertNotFound("/v1/cases/never-asked/image-job");
    }

    @Test
    void anUnknownImageOfAKnownJobIsNotFound() {
        Jobs jobs = new Jobs(http);
        JobView job = jobs.awaitTerminal(jobs.create("case-lookup", Cases.body(1, 0)).jobId());
        assertNotFound("/v1/jobs/" + job.jobId() + "/images/no-such-image");
        assertNotFound("/v1/jobs/no-such-job/images/ev-1");
    }

    @Test
    void anUnknownRouteIsAProblemToo() {
        assertNotFound("/v1/nothing-here");
    }

    private void assertNotFound(String path) {
        HttpClientResponseException e = catchThrowableOfType(HttpClientResponseException.class,
                () -> http.toBlocking().exchange(HttpRequest.GET(path).bearerAuth(Tokens.backend()), Argument.of(String.class),
                        Argument.of(Problem.class)));
        assertThat(e.getStatus().getCode()).isEqualTo(404);
        assertThat(e.getResponse().getContentType().map(MediaType::toString)).contains("application/problem+json");
        assertThat(e.getResponse().getBody(Problem.class).orElseThrow().status()).isEqualTo(404);
    }
}
