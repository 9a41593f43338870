package dev.darkroom.worker;

import dev.darkroom.problem.Problem;
import dev.darkroom.run.SignedRequests;
import dev.darkroom.run.WebhookSignature;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.darkroom.worker.SignedRuns.RUN_SECRET;
import static dev.darkroom.worker.SignedRuns.signed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A correctly signed run is still bounded: every id within the column it reaches, and no text a database refuses, or
 * a 400. Names and descriptions have no length limit here: the API set it, and the run's body limit covers them.
 */
@MicronautTest(transactional = false)
@Property(name = "darkroom.roles.initiator", value = "false")
class RunBoundsTest {

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    JsonMapper json;

    @Test
    void aSignedRunWithOverlongIdsOrControlCharactersIsRefusedNamingEachOne() throws IOException {
        Map<String, Object> run = Map.of("jobId", "j".repeat(37), "caseId", "c".repeat(65), "runId", "r".repeat(37),
                "attempt", 1, "images", List.of(
                        Map.of("imageId", "i".repeat(65), "kind", "EVIDENCE", "name", "Key\u0000",
                                "description", "a \u001b[31mred\u001b[0m key"),
                        Map.of("imageId", "ev-2", "name", "Key", "description", "")));

        HttpClientResponseException e = catchThrowableOfType(HttpClientResponseException.class,
                () -> http.toBlocking().exchange(signed(json.writeValueAsBytes(run)), Argument.of(Map.class),
                        Argument.of(Problem.class)));

        assertThat(e).as("the run should have been refused").isNotNull();
        assertThat(e.getStatus().getCode()).isEqualTo(400);
        assertThat(e.getResponse().getBody(Problem.class).orElseThrow().errors())
                .extracting(Problem.FieldError::field).containsExactlyInAnyOrder("jobId", "caseId", "runId",
                        "images[0].imageId", "images[0].name", "images[0].description", "images[1].kind");
    }

    @Test
    void idsAtTheirBoundsAndTextOfAnyLengthAreAccepted() throws IOException {
        Map<String, Object> run = Map.of("jobId", "j".repeat(36), "caseId", "c".repeat(64), "runId",
                "r".repeat(36), "attempt", 1, "images", List.of(Map.of("imageId", "i".repeat(64),
                        "kind", "EVIDENCE", "name", "🔑".repeat(1000),
                        "description", "A key.\tOn a cushion.\r\n".repeat(1000))));

        var accepted = http.toBlocking().exchange(signed(json.writeValueAsBytes(run)), Map.class);

        assertThat(accepted.getStatus().getCode()).isEqualTo(202);
    }

}
