package dev.darkroom;

import dev.darkroom.run.WebhookSignature;
import dev.darkroom.status.JobView;
import dev.darkroom.support.DarkroomApi;
import dev.darkroom.support.DarkroomProcess;
import dev.darkroom.support.JarProcesses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Anonymous floods against the packaged jar on a small heap and a small direct-memory limit: 150 bodies of 3.9 MB
 * at once, unsigned or signed but over the endpoint's limit, to the receiver and to the worker's run endpoint.
 * Every one must be refused with a 4xx before its body is held; forged bodies under the limit are read only as far
 * as the budget of bytes in flight allows (401 or 503, never 500); and the node must go on serving real work.
 */
class FloodIT {

    private static final int BODY_BYTES = 3_900_000;
    private static final int FORGED_BYTES = 900_000;
    private static final List<String> SMALL_JVM = List.of("-Xmx256m", "-XX:MaxDirectMemorySize=64m");

    @RegisterExtension
    final JarProcesses processes = new JarProcesses("flood-it");

    @TempDir
    Path dataDir;

    private final int port = DarkroomProcess.freePort();
    private final byte[] body = jsonOf(BODY_BYTES);
    private final byte[] forgedBody = jsonOf(FORGED_BYTES);

    @Test
    void aFloodOfLargeUnsignedAndOverLimitBodiesIsRefusedAndTheNodeKeepsServing() throws Exception {
        DarkroomProcess node = processes.start(port, SMALL_JVM, properties(), "node.log");

        List<Shot> shots = new ArrayList<>();
        for (int i = 0; i < 45; i++) {
            shots.add(new Shot("/v1/webhooks/worker", "unsigned", 401));
            shots.add(new Shot("/internal/runs", "unsigned", 401));
        }
        for (int i = 0; i < 30; i++) {
            shots.add(new Shot("/v1/webhooks/worker", "signed", 413));
            shots.add(new Shot("/internal/runs", "signed", 413));
        }
        Map<String, Integer> answers = fire(shots);

        Map<String, Integer> expected = new TreeMap<>();
        shots.forEach(shot -> expected.merge(shot.expectedAnswer(), 1, Integer::sum));
        assertThat(answers).as("answers to %d concurrent %d-byte POSTs", shots.size(), BODY_BYTES)
                .isEqualTo(expected);

        // Bodies under the limit with well-formed but forged signatures pass the headers; the budget bounds them.
        List<Shot> forged = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            forged.add(new Shot("/v1/webhooks/worker", "forged", 401));
        }
        assertThat(fire(forged).keySet()).as("answers to 150 forged bodies of %d bytes", FORGED_BYTES)
                .isSubsetOf("/v1/webhooks/worker forged 401", "/v1/webhooks/worker forged 503");

        assertThat(node.isAlive()).isTrue();
        DarkroomApi api = new DarkroomApi(port);
        String jobId = api.createJob("case-after-flood", 3, 2).jobId();
        JobView done = await("job " + jobId + " after the flood").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> api.job(jobId), view -> view.finishedAt() != null);
        assertThat(done.status()).as("its signed webhooks were applied").isEqualTo("completed");
        assertThat(done.counts().succeeded()).isEqualTo(5);
        assertThat(node.logContains("OutOfMemoryError")).as("OutOfMemoryError in the log").isFalse();
        assertThat(node.logContains("The database has been closed")).isFalse();
    }

    private Map<String, String> properties() {
        Map<String, String> properties = JarProcesses.baseProperties(dataDir);
        properties.put("darkroom.local-generator.latency", "100ms");
        properties.put("darkroom.dispatch.poll-interval", "200ms");
        return properties;
    }

    /** Sends every shot at once, each on its own connection, and counts the answers as "path status". */
    private Map<String, Integer> fire(List<Shot> shots) {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(threads)
                    .connectTimeout(Duration.ofSeconds(10)).build();
            List<CompletableFuture<String>> answers = shots.stream()
                    .map(shot -> http.sendAsync(request(shot), HttpResponse.BodyHandlers.ofString())
                            .thenApply(response -> shot.path() + " " + shot.kind() + " " + response.statusCode())
                            .exceptionally(e -> shot.path() + " " + shot.kind() + " failed: " + rootMessage(e)))
                    .toList();
            Map<String, Integer> counts = new TreeMap<>();
            answers.forEach(answer -> counts.merge(answer.join(), 1, Integer::sum));
            System.out.println("flood answers: " + counts);
            return counts;
        } finally {
            threads.shutdownNow();
        }
    }

    private HttpRequest request(Shot shot) {
        byte[] payload = shot.kind().equals("forged") ? forgedBody : body;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + shot.path()))
                .timeout(Duration.ofSeconds(40))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(payload));
        if (shot.kind().equals("forged")) {
            long now = Instant.now().getEpochSecond();
            request.header("webhook-id", "msg_forged")
                    .header("webhook-timestamp", Long.toString(now))
                    .header("webhook-signature", "v1," + "A".repeat(43) + "=");
        }
        if (shot.kind().equals("signed")) {
            String id = "msg_" + UUID.randomUUID();
            long now = Instant.now().getEpochSecond();
            byte[] key = shot.path().startsWith("/internal")
                    ? JarProcesses.RUN_SECRET.getBytes(StandardCharsets.UTF_8)
                    : WebhookSignature.decodeSecret(JarProcesses.WEBHOOK_SECRET);
            request.header("webhook-id", id)
                    .header("webhook-timestamp", Long.toString(now))
                    .header("webhook-signature", WebhookSignature.sign(key, id, now, body));
        }
        return request.build();
    }

    /** Well-formed JSON of {@code size} bytes, so that only its size or its signature can be what is refused. */
    private static byte[] jsonOf(int size) {
        byte[] head = "{\"type\":\"image.succeeded\",\"data\":{\"data\":\"".getBytes(StandardCharsets.US_ASCII);
        byte[] tail = "\"}}".getBytes(StandardCharsets.US_ASCII);
        byte[] body = new byte[size];
        Arrays.fill(body, (byte) 'A');
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(tail, 0, body, size - tail.length, tail.length);
        return body;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName();
    }

    private record Shot(String path, String kind, int status) {
        String expectedAnswer() {
            return path + " " + kind + " " + status;
        }
    }
}
