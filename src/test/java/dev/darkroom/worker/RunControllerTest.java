package dev.darkroom.worker;

import dev.darkroom.problem.Problem;
import dev.darkroom.run.SignedRequests;
import dev.darkroom.run.WebhookSignature;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.darkroom.worker.SignedRuns.RUN_SECRET;
import static dev.darkroom.worker.SignedRuns.signed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Only a dispatcher holding the run secret can make a worker work, and a busy worker says so. */
@MicronautTest(transactional = false)
@Property(name = "darkroom.worker.max-runs", value = "1")
@Property(name = "darkroom.local-generator.hang-ids", value = "hang-1")
@Property(name = "darkroom.worker.image-timeout", value = "30s")
@Property(name = "darkroom.roles.initiator", value = "false")
@Property(name = "darkroom.worker.advertised-url", value = "http://worker-7.internal:8080")
class RunControllerTest {

    @Inject
    @Client("/")
    HttpClient http;

    @Test
    void anUnsignedRunIsUnauthorized() {
        assertThat(statusOf(HttpRequest.POST("/internal/runs", run("r-unsigned", "img-1"))
                .contentType(MediaType.APPLICATION_JSON_TYPE))).isEqualTo(401);
    }

    @Test
    void aRunSignedWithAnotherKeyIsUnauthorized() {
        byte[] body = run("r-missigned", "img-1");
        assertThat(statusOf(signed(body, "another-secret-of-at-least-32-bytes-here", Instant.now()))).isEqualTo(401);
    }

    @Test
    void aStaleRunIsUnauthorized() {
        byte[] body = run("r-stale", "img-1");
        assertThat(statusOf(signed(body, RUN_SECRET, Instant.now().minusSeconds(600)))).isEqualTo(401);
    }

    @Test
    void aRunWithATimestampTenMinutesAheadIsUnauthorized() {
        byte[] body = run("r-future", "img-1");
        assertThat(statusOf(signed(body, RUN_SECRET, Instant.now().plusSeconds(600)))).isEqualTo(401);
    }

    /** The signed twin of each request is answered past the signature check (404: no such run), so the 401 is it. */
    @Test
    void unsignedReadsAndCancelsOfARunAreUnauthorized() {
        for (MutableHttpRequest<?> request : List.<MutableHttpRequest<?>>of(
                HttpRequest.GET("/internal/runs/r-unknown"),
                HttpRequest.GET("/internal/runs/r-unknown/images/img-1"),
                HttpRequest.DELETE("/internal/runs/r-unknown"))) {
            String what = request.getMethodName() + " " + request.getPath();
            assertThat(statusOf(request)).as(what).isEqualTo(401);
            assertThat(statusOf(signedBodiless(request))).as("signed " + what).isEqualTo(404);
        }
    }

    @Test
    void aSignedRunWithoutIdsOrImagesIsRefusedNamingTheFields() {
        byte[] body = "{\"images\":[]}".getBytes(StandardCharsets.UTF_8);
        HttpClientResponseException e = catchThrowableOfType(HttpClientResponseException.class,
                () -> http.toBlocking().exchange(signed(body, RUN_SECRET, Instant.now()), Argument.of(Map.class),
                        Argument.of(Problem.class)));
        assertThat(e.getStatus().getCode()).isEqualTo(400);
        assertThat(e.getResponse().getBody(Problem.class).orElseThrow().errors())
                .extracting(Problem.FieldError::field).containsExactlyInAnyOrder("jobId", "runId", "images");
    }

    @Test
    void aWorkerAtItsRunLimitRefusesMoreWith429() {
        var accepted = http.toBlocking().exchange(signed(run("r-busy", "hang-1"), RUN_SECRET, Instant.now()),
                Map.class);
        assertThat(accepted.getStatus().getCode()).isEqualTo(202);
        assertThat(accepted.body()).as("the worker says where recovery can find it again")
                .containsEntry("worker", "http://worker-7.internal:8080");

        HttpClientResponseException e = catchThrowableOfType(HttpClientResponseException.class,
                () -> http.toBlocking().exchange(signed(run("r-second", "img-2"), RUN_SECRET, Instant.now()),
                        Argument.of(Map.class), Argument.of(Problem.class)));
        assertThat(e.getStatus().getCode()).isEqualTo(429);
        String retryAfter = e.getResponse().header("Retry-After");
        assertThat(retryAfter).isNotBlank();

        var again = http.toBlocking().exchange(signed(run("r-busy", "hang-1"), RUN_SECRET, Instant.now()),
                Map.class);
        assertThat(again.getStatus().getCode()).as("the run it already has is acknowledged").isEqualTo(202);
        assertThat(again.body()).containsEntry("started", false);
    }

    private int statusOf(HttpRequest<?> request) {
        HttpClientResponseException e = catchThrowableOfType(HttpClientResponseException.class,
                () -> http.toBlocking().exchange(request, Argument.of(Map.class), Argument.of(Problem.class)));
        assertThat(e).as("the run should have been refused").isNotNull();
        return e.getStatus().getCode();
    }

    private static byte[] run(String runId, String imageId) {
        return ("{\"jobId\":\"job-" + runId + "\",\"caseId\":\"c\",\"runId\":\"" + runId + "\",\"attempt\":1,"
                + "\"images\":[{\"imageId\":\"" + imageId + "\",\"kind\":\"EVIDENCE\",\"name\":\"Key\","
                + "\"description\":\"\"}]}").getBytes(StandardCharsets.UTF_8);
    }

    private static MutableHttpRequest<?> signedBodiless(MutableHttpRequest<?> request) {
        String id = "run_" + System.nanoTime();
        long timestamp = Instant.now().getEpochSecond();
        byte[] signed = SignedRequests.bodiless(request.getMethodName(), request.getPath());
        return HttpRequest.create(request.getMethod(), request.getUri().toString())
                .header(SignedRequests.ID, id)
                .header(SignedRequests.TIMESTAMP, Long.toString(timestamp))
                .header(SignedRequests.SIGNATURE, WebhookSignature.sign(RUN_SECRET.getBytes(StandardCharsets.UTF_8),
                        id, timestamp, signed));
    }

}
