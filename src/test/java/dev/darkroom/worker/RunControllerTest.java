package dev.darkroom.worker;

import dev.darkroom.problem.Problem;
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

@MicronautTest(transactional = false)
class RunControllerTest {

    @Inject
    @Client("/")
    HttpClient http;

    @Test
    void aRunWithoutIdsOrImagesIsRefusedNamingTheFields() {
        HttpClientResponseException e = catchThrowableOfType(HttpClientResponseException.class,
                () -> http.toBlocking().exchange(HttpRequest.POST("/internal/runs", Map.of("images", List.of())),
                        Argument.of(Map.class), Argument.of(Problem.class)));
        assertThat(e.getStatus().getCode()).isEqualTo(400);
        assertThat(e.getResponse().getBody(Problem.class).orElseThrow().errors())
                .extracting(Problem.FieldError::field).containsExactlyInAnyOrder("jobId", "runId", "images");
    }
}
