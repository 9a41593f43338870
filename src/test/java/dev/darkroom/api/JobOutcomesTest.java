package dev.darkroom.api;

import dev.darkroom.status.JobView;
import dev.darkroom.support.Cases;
import dev.darkroom.support.Jobs;
import io.micronaut.context.annotation.Property;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** How a job ends when some, all or none of its images fail, and when the provider hangs. */
class JobOutcomesTest {

    @Nested
    @MicronautTest(transactional = false)
    @Property(name = "darkroom.local-generator.fail-ids", value = "ev-2,ev-5,ev-9,loc-3")
    class WhenFourImagesAreRefused {

        @Inject
        @Client("/")
        HttpClient http;

        @Test
        void theJobEndsPartialWithTheFailedIdsAndTheirReasons() {
            Jobs jobs = new Jobs(http);
            JobView done = jobs.awaitTerminal(jobs.create("case-partial", Cases.body(10, 4)).jobId());

            assertThat(done.status()).isEqualTo("partial");
            assertThat(done.counts().succeeded()).isEqualTo(10);
            assertThat(done.counts().failed()).isEqualTo(4);
            assertThat(done.counts().pending()).isZero();
            assertThat(done.images()).filteredOn(i -> i.status().equals("failed"))
                    .extracting(JobView.ImageView::id)
                    .containsExactlyInAnyOrder("ev-2", "ev-5", "ev-9", "loc-3");
            assertThat(jobs.image(done, "ev-2").error().code()).isEqualTo("content_policy");
            assertThat(jobs.image(done, "ev-2").error().message()).contains("refuse");
            assertThat(jobs.image(done, "ev-2").url()).isNull();
        }
    }

    @Nested
    @MicronautTest(transactional = false)
    @Property(name = "darkroom.local-generator.fail-ids", value = "ev-1,ev-2,loc-1")
    class WhenEveryImageIsRefused {

        @Inject
        @Client("/")
        HttpClient http;

        @Test
        void theJobEndsFailed() {
            Jobs jobs = new Jobs(http);
            JobView done = jobs.awaitTerminal(jobs.create("case-failed", Cases.body(2, 1)).jobId());

            assertThat(done.status()).isEqualTo("failed");
            assertThat(done.counts().failed()).isEqualTo(3);
            assertThat(done.images()).allSatisfy(i -> assertThat(i.error()).isNotNull());
        }
    }

    @Nested
    @MicronautTest(transactional = false)
    @Property(name = "darkroom.local-generator.fail-rate", value = "0.3")
    @Property(name = "darkroom.worker.max-retries", value = "8")
    class WhenTheProviderFailsNowAndThen {

        @Inject
        @Client("/")
        HttpClient http;

        @Test
        void transientFailuresAreRetriedAndTheJobCompletes() {
            Jobs jobs = new Jobs(http);
            JobView done = jobs.awaitTerminal(jobs.create("case-flaky", Cases.body(6, 2)).jobId());

            assertThat(done.status()).isEqualTo("completed");
            assertThat(done.counts().succeeded()).isEqualTo(8);
        }
    }

    @Nested
    @MicronautTest(transactional = false)
    @Property(name = "darkroom.local-generator.hang-ids", value = "ev-1")
    @Property(name = "darkroom.local-generator.latency", value = "50ms")
    @Property(name = "darkroom.worker.image-timeout", value = "8s")
    @Property(name = "darkroom.worker.max-retries", value = "0")
    @Property(name = "darkroom.worker.concurrency", value = "2")
    class WhenTheProviderHangsOnOneImage {

        @Inject
        @Client("/")
        HttpClient http;

        @Test
        void thatImageFailsByTimeoutWhileTheOthersCompleteAroundIt() {
            Jobs jobs = new Jobs(http);
            String jobId = jobs.create("case-hang", Cases.body(10, 4)).jobId();

            // With two slots and one of them stuck, the other slot alone makes the other 13 long before the hung
            // image's timeout: a sliding window. Lock-step batches would wait the full timeout on ev-1's batch.
            JobView meanwhile = await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                    .until(() -> jobs.get(jobId), v -> v.counts().succeeded() == 13);
            assertThat(meanwhile.finishedAt()).isNull();
            assertThat(jobs.image(meanwhile, "ev-1").status()).isEqualTo("generating");

            JobView done = jobs.awaitTerminal(jobId);
            assertThat(done.status()).isEqualTo("partial");
            assertThat(done.counts().succeeded()).isEqualTo(13);
            assertThat(jobs.image(done, "ev-1").error().code()).isEqualTo("timeout");
        }
    }
}
