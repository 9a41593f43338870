package dev.darkroom;

import dev.darkroom.api.JobView;
import dev.darkroom.support.Cases;
import dev.darkroom.support.DarkroomProcess;
import dev.darkroom.support.Tokens;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Kills the packaged service with SIGKILL in the middle of a job and starts it again on the same data directory:
 * the job must still complete, through a new attempt, and the images finished before the kill must be kept as they
 * were, not generated again.
 */
class CrashRestartIT {

    private static final String SECRET = "whsec_ELzhUT8M70Ewis/3K2+FjQXBDQcMiLCXQiFl5LXKHrQ=";
    private static final Duration STARTUP = Duration.ofSeconds(60);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final JsonMapper json = JsonMapper.createDefault();
    private final List<DarkroomProcess> started = new ArrayList<>();
    private final String token = Tokens.backend();

    @TempDir
    Path dataDir;

    private Path jar;
    private Path logs;
    private int port;

    @RegisterExtension
    final AfterTestExecutionCallback printLogsOnFailure = context -> context.getExecutionException()
            .ifPresent(failure -> started.forEach(p -> System.out.printf("%n--- tail of %s ---%n%s%n", p.log(),
                    p.logTail(80))));

    @BeforeEach
    void locateJar() throws IOException {
        String property = System.getProperty("darkroom.jar");
        assertThat(property).as("system property darkroom.jar (set by failsafe)").isNotBlank();
        jar = Path.of(property);
        assertThat(jar).exists();
        logs = Files.createDirectories(jar.toAbsolutePath().getParent().resolve("crash-restart-it"));
        port = DarkroomProcess.freePort();
    }

    @AfterEach
    void stopProcesses() {
        started.forEach(DarkroomProcess::close);
    }

    @Test
    void jobKilledMidRunCompletesAfterRestartWithoutRegeneratingFinishedImages() throws Exception {
        DarkroomProcess first = start("darkroom-1.log");
        JobView created = json.readValue(post("/v1/cases/case-crash/image-jobs",
                json.writeValueAsBytes(Cases.body(10, 4))), JobView.class);
        String jobId = created.jobId();

        JobView beforeKill = await("3 images of job " + jobId).atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> job(jobId), view -> view.counts().succeeded() >= 3 || view.finishedAt() != null);
        assertThat(beforeKill.status()).as("the job must still be running when the process is killed")
                .isIn("dispatched", "generating");
        Map<String, Instant> finishedAt = new LinkedHashMap<>();
        Map<String, String> etags = new LinkedHashMap<>();
        for (JobView.ImageView image : beforeKill.images()) {
            if ("succeeded".equals(image.status())) {
                finishedAt.put(image.id(), image.finishedAt());
                etags.put(image.id(), etag(image.url()));
            }
        }

        first.kill();
        assertThat(first.isAlive()).isFalse();
        start("darkroom-2.log");

        JobView done = await("job " + jobId + " to finish after the restart").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> job(jobId), view -> view.finishedAt() != null);

        assertThat(done.status()).isEqualTo("completed");
        assertThat(done.counts().succeeded()).isEqualTo(14);
        assertThat(done.attempt()).as("a new attempt was dispatched after the restart").isGreaterThanOrEqualTo(2);
        Map<String, Instant> finishedAtAfter = new LinkedHashMap<>();
        Map<String, String> etagsAfter = new LinkedHashMap<>();
        for (JobView.ImageView image : done.images()) {
            if (finishedAt.containsKey(image.id())) {
                finishedAtAfter.put(image.id(), image.finishedAt());
                etagsAfter.put(image.id(), etag(image.url()));
            }
        }
        assertThat(finishedAtAfter).as("images finished before the kill keep their finish time")
                .isEqualTo(finishedAt);
        assertThat(etagsAfter).as("images finished before the kill keep their bytes").isEqualTo(etags);
    }

    private DarkroomProcess start(String logName) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("darkroom.data-dir", dataDir.toString());
        // Production rules apply (no dev environment): every secret is given, none is made up.
        properties.put("darkroom.webhook.secret", SECRET);
        properties.put("darkroom.security.jwt-secret", Tokens.SECRET);
        properties.put("darkroom.security.run-secret", "crash-test-run-secret-of-at-least-32-bytes");
        properties.put("darkroom.local-generator.latency", "400ms");
        properties.put("darkroom.worker.concurrency", "2");
        properties.put("darkroom.worker.heartbeat-interval", "500ms");
        properties.put("darkroom.recovery.interval", "500ms");
        properties.put("darkroom.recovery.run-timeout", "3s");
        properties.put("darkroom.dispatch.poll-interval", "200ms");
        DarkroomProcess process = DarkroomProcess.start(jar, port, properties, logs.resolve(logName), STARTUP);
        started.add(process);
        return process;
    }

    private JobView job(String jobId) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(uri("/v1/jobs/" + jobId)).GET());
        assertThat(response.statusCode()).as("GET job").isEqualTo(200);
        return json.readValue(response.body(), JobView.class);
    }

    private byte[] post(String path, byte[] body) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
        assertThat(response.statusCode()).as("POST " + path).isEqualTo(202);
        return response.body();
    }

    private String etag(String path) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(uri(path)).GET());
        assertThat(response.statusCode()).as("GET " + path).isEqualTo(200);
        return response.headers().firstValue("ETag").orElseThrow();
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
