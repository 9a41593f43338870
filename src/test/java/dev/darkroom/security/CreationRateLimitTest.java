package dev.darkroom.security;

import dev.darkroom.problem.Problem;
import dev.darkroom.support.Cases;
import dev.darkroom.support.Tokens;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

@MicronautTest(transactional = false)
@Property(name = "darkroom.api.creations-per-minute", value = "2")
class CreationRateLimitTest {

    @Inject
    @Client("/")
    HttpClient http;

    @Test
    void aCallerOverItsCreationsPerMinuteGets429WithRetryAfter() {
        String token = Tokens.backend();
        create("case-rate-1", token);
        create("case-rate-2", token);

        HttpClientResponseException e = catchThrowableOfType(HttpClientResponseException.class,
                () -> create("case-rate-3", token));
        assertThat(e.getStatus().getCode()).isEqualTo(429);
        String retryAfter = e.getResponse().header("Retry-After");
        assertThat(Integer.parseInt(retryAfter)).isBetween(1, 60);
        assertThat(e.getResponse().getBody(Problem.class).orElseThrow().type()).endsWith("/rate-limited");
    }

    private void create(String caseId, String token) {
        http.toBlocking().exchange(HttpRequest.POST("/v1/cases/" + caseId + "/image-jobs", Cases.body(1, 0))
                .bearerAuth(token), Argument.of(Map.class), Argument.of(Problem.class));
    }
}
