package dev.darkroom.api;

import dev.darkroom.problem.Problem;
import dev.darkroom.status.JobView;
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

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The text limits follow configuration, and the answer names the limit in force. */
@MicronautTest(transactional = false)
@Property(name = "darkroom.api.max-name-length", value = "10")
@Property(name = "darkroom.api.max-description-length", value = "20")
class ConfigurableLimitsTest {

    @Inject
    @Client("/")
    HttpClient http;

    @Test
    void namesAndDescriptionsAreHeldToTheConfiguredLengths() {
        Problem problem = refused(Map.of("evidence", List.of(
                Cases.item("e1", "Eleven char", "fine"),
                Cases.item("e2", "Ten chars!", "twenty-one characters"))));

        assertThat(problem.errors()).extracting(Problem.FieldError::field)
                .containsExactlyInAnyOrder("evidence[0].name", "evidence[1].description");
        assertThat(problem.errors()).extracting(Problem.FieldError::message)
                .anySatisfy(m -> assertThat(m).contains("1-10"))
                .anySatisfy(m -> assertThat(m).contains("20"));
    }

    private Problem refused(Map<String, Object> body) {
        HttpClientResponseException e = catchThrowableOfType(HttpClientResponseException.class,
                () -> http.toBlocking().exchange(HttpRequest.POST("/v1/cases/c-limits/image-jobs", body)
                        .bearerAuth(Tokens.backend()), Argument.of(JobView.class), Argument.of(Problem.class)));
        assertThat(e.getStatus().getCode()).isEqualTo(400);
        return e.getResponse().getBody(Problem.class).orElseThrow();
    }
}
