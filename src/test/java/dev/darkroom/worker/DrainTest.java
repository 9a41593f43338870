package dev.darkroom.worker;

import dev.darkroom.problem.Problem;
import dev.darkroom.run.ImageKind;
import dev.darkroom.run.ImageOutcome;
import dev.darkroom.run.ImageSpec;
import dev.darkroom.run.RunRequest;
import dev.darkroom.run.SignedRequests;
import dev.darkroom.run.WebhookSignature;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static dev.darkroom.worker.SignedRuns.RUN_SECRET;
import static dev.darkroom.worker.SignedRuns.awaitImageInFlight;
import static dev.darkroom.worker.SignedRuns.run;
import static dev.darkroom.worker.SignedRuns.signed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * A draining worker (what SIGTERM starts) finishes the images in flight, starts none of the others, and tells
 * dispatchers it is busy.
 */
@MicronautTest(transactional = false)
@Property(name = "darkroom.roles.initiator", value = "false")
@Property(name = "darkroom.worker.concurrency", value = "1")
@Property(name = "darkroom.local-generator.latency", value = "1s")
class DrainTest {

    @Inject
    RunExecutor executor;

    @Inject
    RunRegistry registry;

    @Inject
    @Client("/")
    HttpClient http;

    @Test
    void theImageInFlightIsFinishedTheOthersAreNotStartedAndNewRunsAreAnsweredBusy() {
        RunRequest request = run("r-drain", IntStream.rangeClosed(1, 4).mapToObj(i -> "img-" + i).toList());
        executor.start(request);
        Run run = awaitImageInFlight(registry, "r-drain");

        executor.drain(Duration.ofSeconds(30));

        // The run's thread has ended: what it made is all it will ever make.
        assertThat(run.outcomes()).as("the images in flight were made, the rest never started")
                .isNotEmpty().hasSizeLessThan(4).allSatisfy(outcome -> assertThat(outcome).isInstanceOf(ImageOutcome.Succeeded.class));
        assertThat(run.token().stopped()).as("finished, not cut short").isFalse();
        HttpClientResponseException busy = catchThrowableOfType(HttpClientResponseException.class,
                () -> http.toBlocking().exchange(signed(json("r-after")), Argument.of(Map.class),
                        Argument.of(Problem.class)));
        assertThat(busy).as("a run offered while draining is refused").isNotNull();
        assertThat(busy.getStatus().getCode()).isEqualTo(503);
        assertThat(busy.getResponse().header("Retry-After")).isEqualTo("5");
        assertThat(registry.find("r-after")).isEmpty();
    }

    private static byte[] json(String runId) {
        return ("{\"jobId\":\"job-" + runId + "\",\"caseId\":\"c\",\"runId\":\"" + runId + "\",\"attempt\":1,"
                + "\"images\":[{\"imageId\":\"img-1\",\"kind\":\"EVIDENCE\",\"name\":\"Key\","
                + "\"description\":\"\"}]}").getBytes(StandardCharsets.UTF_8);
    }

}
