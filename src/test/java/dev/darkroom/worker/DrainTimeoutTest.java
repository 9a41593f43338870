package dev.darkroom.worker;

import dev.darkroom.run.ImageKind;
import dev.darkroom.run.ImageSpec;
import dev.darkroom.run.RunRequest;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static dev.darkroom.worker.SignedRuns.awaitImageInFlight;
import static dev.darkroom.worker.SignedRuns.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A drain does not wait for ever: past its timeout the images still in flight are stopped, and nothing is said of
 * them, so that the next attempt makes them.
 */
@MicronautTest(transactional = false)
@Property(name = "darkroom.roles.initiator", value = "false")
@Property(name = "darkroom.worker.concurrency", value = "1")
@Property(name = "darkroom.local-generator.hang-ids", value = "hang-1")
class DrainTimeoutTest {

    @Inject
    RunExecutor executor;

    @Inject
    RunRegistry registry;

    @Test
    void pastTheDrainTimeoutAnImageStillInFlightIsStoppedAndNotReported() {
        RunRequest request = run("r-hang", List.of("hang-1", "img-9"));
        executor.start(request);
        Run run = awaitImageInFlight(registry, "r-hang");

        executor.drain(Duration.ofMillis(200));

        assertThat(run.token().stopped()).isTrue();
        await("the hanging image's thread to give up").atMost(Duration.ofSeconds(10))
                .until(() -> run.token().imagesInFlight() == 0);
        assertThat(run.outcomes()).as("nothing is said of an image that was stopped").isEmpty();
    }

}
