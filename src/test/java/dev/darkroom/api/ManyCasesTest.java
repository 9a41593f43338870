package dev.darkroom.api;

import dev.darkroom.status.JobView;
import dev.darkroom.support.Cases;
import dev.darkroom.support.Jobs;
import io.micronaut.context.annotation.Property;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Twenty cases arriving at once, each with two refused images: every one ends with the right counts. */
@MicronautTest(transactional = false)
@Property(name = "darkroom.local-generator.fail-ids", value = "ev-3,loc-2")
@Property(name = "darkroom.local-generator.latency", value = "20ms")
class ManyCasesTest {

    @Inject
    @Client("/")
    HttpClient http;

    @Test
    void twentyCasesSubmittedAtOnceEachReachTheirTerminalStateWithTheRightCounts() {
        Jobs jobs = new Jobs(http);
        List<String> jobIds = IntStream.range(0, 20)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> jobs.create("case-many-" + i,
                        Cases.body(5, 2)).jobId()))
                .toList().stream().map(CompletableFuture::join).toList();
        assertThat(jobIds).doesNotHaveDuplicates();

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                .until(() -> jobIds.stream().allMatch(id -> jobs.get(id).finishedAt() != null));
        for (String jobId : jobIds) {
            JobView done = jobs.get(jobId);
            assertThat(done.status()).isEqualTo("partial");
            assertThat(done.counts().succeeded()).isEqualTo(5);
            assertThat(done.counts().failed()).isEqualTo(2);
            assertThat(done.counts().pending()).isZero();
        }
    }
}
