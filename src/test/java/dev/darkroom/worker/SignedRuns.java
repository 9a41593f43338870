package dev.darkroom.worker;

import dev.darkroom.run.ImageKind;
import dev.darkroom.run.ImageSpec;
import dev.darkroom.run.RunRequest;
import dev.darkroom.run.SignedRequests;
import dev.darkroom.run.WebhookSignature;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.awaitility.Awaitility.await;

/** Runs as a dispatcher sends them to a worker's door, signed, and a look at what the worker does with them. */
final class SignedRuns {

    /** The run secret the worker tests configure (darkroom.security.run-secret). */
    static final String RUN_SECRET = "test-run-secret-that-is-at-least-32-bytes-long";

    private SignedRuns() {
    }

    static MutableHttpRequest<byte[]> signed(byte[] body) {
        return signed(body, RUN_SECRET, Instant.now());
    }

    static MutableHttpRequest<byte[]> signed(byte[] body, String secret, Instant at) {
        String id = "run_" + System.nanoTime();
        long timestamp = at.getEpochSecond();
        return HttpRequest.POST("/internal/runs", body).contentType(MediaType.APPLICATION_JSON_TYPE)
                .header(SignedRequests.ID, id)
                .header(SignedRequests.TIMESTAMP, Long.toString(timestamp))
                .header(SignedRequests.SIGNATURE, WebhookSignature.sign(secret.getBytes(StandardCharsets.UTF_8), id,
                        timestamp, body));
    }

    /** A run of evidence images with these ids. */
    static RunRequest run(String runId, List<String> imageIds) {
        return new RunRequest("job-" + runId, "c", runId, 1, imageIds.stream()
                .map(id -> new ImageSpec(id, ImageKind.EVIDENCE, "Key", "")).toList());
    }

    /** Waits until one image of the run is being made. */
    static Run awaitImageInFlight(RunRegistry registry, String runId) {
        return await("an image of " + runId + " in flight").atMost(Duration.ofSeconds(10))
                .until(() -> registry.find(runId).filter(r -> r.token().imagesInFlight() == 1), r -> r.isPresent())
                .orElseThrow();
    }
}
