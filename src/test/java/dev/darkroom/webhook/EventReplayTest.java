package dev.darkroom.webhook;

import dev.darkroom.run.WebhookEvent;
import dev.darkroom.status.JobView;
import dev.darkroom.support.Cases;
import dev.darkroom.support.Jobs;
import dev.darkroom.support.SignedWebhooks;
import dev.darkroom.support.SilentWorker;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * 1,000 events (20 jobs of 48 images: started, 48 outcomes, finished) delivered once in order to one set of jobs,
 * and twice each, shuffled and from several threads at once, to an identical set. Both sets must end the same.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventReplayTest implements TestPropertyProvider {

    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final int JOBS = 20;
    static final int IMAGES = 48;

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    JsonMapper json;

    SilentWorker worker;

    @Override
    public Map<String, String> getProperties() {
        worker = new SilentWorker(JsonMapper.createDefault());
        worker.reset();
        return Map.of("darkroom.dispatch.worker-url", worker.url(), "darkroom.webhook.secret", SECRET,
                "darkroom.api.max-items", "50", "darkroom.api.creations-per-minute", "1000");
    }

    @AfterAll
    void stop() {
        worker.stop();
    }

    @Test
    void theSameThousandEventsTwiceInRandomOrderLeaveTheStateOfOneOrderedDelivery() throws Exception {
        Jobs jobs = new Jobs(http);
        SignedWebhooks webhooks = new SignedWebhooks(http, json, SECRET);
        List<String> ordered = new ArrayList<>();
        List<String> shuffled = new ArrayList<>();
        List<Delivery> inOrder = new ArrayList<>();
        List<Delivery> replay = new ArrayList<>();
        for (int j = 0; j < JOBS; j++) {
            String a = jobs.create("replay-ordered-" + j, Cases.body(IMAGES - 8, 8)).jobId();
            String b = jobs.create("replay-shuffled-" + j, Cases.body(IMAGES - 8, 8)).jobId();
            ordered.add(a);
            shuffled.add(b);
            inOrder.addAll(eventsOf(a, runOf(a), j));
            replay.addAll(eventsOf(b, runOf(b), j));
        }
        assertThat(inOrder).hasSize(JOBS * (IMAGES + 2)).hasSize(1000);

        inOrder.forEach(d -> webhooks.send(d.webhookId(), d.event()));

        List<Delivery> twice = new ArrayList<>(replay);
        twice.addAll(replay);
        Collections.shuffle(twice, new Random(42));
        ExecutorService senders = Executors.newFixedThreadPool(4);
        try {
            CompletableFuture.allOf(twice.stream().map(d -> CompletableFuture.runAsync(
                    () -> webhooks.send(d.webhookId(), d.event()), senders)).toArray(CompletableFuture[]::new)).join();
        } finally {
            senders.shutdown();
        }

        for (int j = 0; j < JOBS; j++) {
            assertThat(comparable(jobs.get(shuffled.get(j))))
                    .as("job %d", j)
                    .isEqualTo(comparable(jobs.get(ordered.get(j))));
        }
        assertThat(comparable(jobs.get(ordered.get(0))).get("status")).isEqualTo("partial");
    }

    static final byte[] PICTURE = dev.darkroom.support.Pictures.jpeg(512, 512);

    private record Delivery(String webhookId, WebhookEvent event) {
    }

    /** Every sixth image fails; the rest succeed with bytes that depend only on the image, not the job. */
    private static List<Delivery> eventsOf(String jobId, String runId, int job) {
        List<Delivery> events = new ArrayList<>();
        events.add(new Delivery("msg_" + runId + "_start", SignedWebhooks.runStarted(jobId, runId)));
        List<String> succeeded = new ArrayList<>();
        Map<String, String> failed = new LinkedHashMap<>();
        for (String imageId : imageIds()) {
            if (imageId.hashCode() % 6 == 0) {
                failed.put(imageId, "content_policy");
                events.add(new Delivery("msg_" + runId + "_" + imageId,
                        SignedWebhooks.imageFailed(jobId, runId, imageId, "content_policy")));
            } else {
                succeeded.add(imageId);
                // Bytes after a JPEG's end marker are ignored by readers: one real picture, told apart by its tail.
                byte[] tail = ("jpeg of " + imageId + " in job " + job).getBytes(StandardCharsets.UTF_8);
                byte[] bytes = java.util.Arrays.copyOf(PICTURE, PICTURE.length + tail.length);
                System.arraycopy(tail, 0, bytes, PICTURE.length, tail.length);
                events.add(new Delivery("msg_" + runId + "_" + imageId,
                        SignedWebhooks.imageSucceeded(jobId, runId, imageId, bytes)));
            }
        }
        events.add(new Delivery("msg_" + runId + "_finish",
                SignedWebhooks.runFinished(jobId, runId, succeeded, failed)));
        return events;
    }

    private static List<String> imageIds() {
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= IMAGES - 8; i++) {
            ids.add("ev-" + i);
        }
        for (int i = 1; i <= 8; i++) {
            ids.add("loc-" + i);
        }
        return ids;
    }

    private String runOf(String jobId) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> worker.runsFor(jobId), runs -> !runs.isEmpty())
                .get(0).runId();
    }

    /** The state a client sees, less what names the job or the moment: ids, URLs and times. */
    private static Map<String, Object> comparable(JobView view) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("status", view.status());
        state.put("attempt", view.attempt());
        state.put("counts", view.counts());
        state.put("percent", view.percent());
        state.put("images", view.images().stream().map(i -> List.of(i.id(), i.status(),
                String.valueOf(i.contentType()), String.valueOf(i.error()))).toList());
        return state;
    }
}
