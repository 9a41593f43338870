package dev.darkroom.security;

import dev.darkroom.problem.Problem;
import dev.darkroom.status.JobView;
import dev.darkroom.support.Cases;
import dev.darkroom.support.Jobs;
import dev.darkroom.support.Tokens;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** An operator's {@code ops:write} cancels, retries and redelivers, as the game backend's {@code jobs:write} does. */
@MicronautTest(transactional = false)
// Slow pictures, so that a job is still generating when it is canceled.
@Property(name = "darkroom.local-generator.latency", value = "30s")
class OperatorActionsTest {

    static final String ACT = Tokens.forSubject("operator", Scopes.OPS_WRITE);

    @Inject
    @Client("/")
    HttpClient http;

    @Test
    void anOperatorWhoMayActCancelsRetriesAndRedelivers() {
        JobView job = new Jobs(http).create("case-ops-act", Cases.body(1, 0));
        String base = "/v1/jobs/" + job.jobId();

        HttpResponse<?> canceled = exchange(HttpRequest.POST(base + "/cancel", "").bearerAuth(ACT));
        HttpResponse<?> redelivered = exchange(HttpRequest.POST(base + "/callback/redeliver", "").bearerAuth(ACT));
        HttpResponse<?> retried = exchange(HttpRequest.POST(base + "/retry", "").bearerAuth(ACT));
        HttpResponse<?> canceledAgain = exchange(HttpRequest.POST(base + "/cancel", "").bearerAuth(ACT));

        assertThat(canceled.code()).isEqualTo(200);
        assertThat(redelivered.code()).as("past the scope check: this job has no callback").isEqualTo(404);
        assertThat(redelivered.getBody(Problem.class).map(Problem::detail).orElse("")).contains("callback");
        assertThat(retried.code()).isEqualTo(202);
        assertThat(canceledAgain.code()).isEqualTo(200);
    }

    HttpResponse<?> exchange(HttpRequest<?> request) {
        try {
            return http.toBlocking().exchange(request, Argument.of(String.class), Argument.of(Problem.class));
        } catch (HttpClientResponseException e) {
            return e.getResponse();
        }
    }
}
