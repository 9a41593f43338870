package dev.darkroom.worker;

import dev.darkroom.run.RunRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static dev.darkroom.worker.SignedRuns.signed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The run's window of five slides image by image: the moment one image ends the next starts, whatever the others
 * do. A slow image holds up nobody's successor, and the receiver's answers hold up nothing, so 14 images at a fixed
 * latency L take three rounds (3L) and at mixed latencies far less than lock-step batches would. Each image ends
 * when the test says so; the receiver at the wire answers nothing until the end of the test.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SlidingWindowTest implements TestPropertyProvider {

    private final HeldReceiver receiver = new HeldReceiver();

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    JsonMapper json;

    @Inject
    LatchedProvider provider;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("latched-provider", "true",
                "darkroom.roles.initiator", "false",
                "darkroom.roles.receiver", "false",
                "darkroom.webhook.receiver-url", receiver.url(),
                "darkroom.worker.concurrency", "5",
                "darkroom.worker.image-timeout", "60s");
    }

    @AfterEach
    void releaseEverything() {
        provider.releaseAll();
    }

    @AfterAll
    void stop() {
        receiver.close();
    }

    @Test
    void aSlowImageHoldsUpNoneOfTheOthersSuccessors() throws IOException {
        List<String> images = ids("slow", 14);
        start("run-slow", images);
        awaitStarted(5);

        // slow-1 stays in flight throughout; each other image that ends lets exactly one more in.
        provider.release("slow-2");
        awaitStarted(6);
        provider.release("slow-3");
        provider.release("slow-4");
        provider.release("slow-5");
        awaitStarted(9);

        assertThat(startedOf("slow")).containsExactlyInAnyOrderElementsOf(images.subList(0, 9));
        for (String image : images.subList(5, 9)) {
            provider.release(image);
        }
        awaitStarted(13);
        assertThat(startedOf("slow")).hasSize(13).doesNotContain("slow-14");
    }

    @Test
    void theNextImageStartsWithoutWaitingForTheReceiversAnswer() throws IOException {
        List<String> images = ids("quick", 7);
        start("run-quick", images);
        await().atMost(Duration.ofSeconds(10)).until(() -> startedOf("quick").size() == 5);
        int answeredBefore = receiver.answered();

        provider.release("quick-1");
        await().atMost(Duration.ofSeconds(10)).until(() -> startedOf("quick").size() == 6);
        provider.release("quick-2");
        await().atMost(Duration.ofSeconds(10)).until(() -> startedOf("quick").size() == 7);

        assertThat(receiver.answered()).as("events answered by the receiver").isEqualTo(answeredBefore);
    }

    private void awaitStarted(int count) {
        await().atMost(Duration.ofSeconds(10)).until(() -> startedOf("slow").size() >= count);
        assertThat(startedOf("slow")).hasSize(count);
    }

    private List<String> startedOf(String prefix) {
        return provider.started().stream().filter(id -> id.startsWith(prefix + "-")).toList();
    }

    private void start(String runId, List<String> images) throws IOException {
        RunRequest run = SignedRuns.run(runId, images);
        HttpResponse<?> answer = http.toBlocking().exchange(signed(json.writeValueAsBytes(run)));
        assertThat(answer.getStatus().getCode()).isEqualTo(202);
    }

    private static List<String> ids(String prefix, int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> prefix + "-" + i).toList();
    }
}
