package dev.darkroom.support;

import dev.darkroom.status.JobView;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The public API of a Darkroom process on a port, called as the game backend would, with a bearer token. */
public final class DarkroomApi {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final JsonMapper json = JsonMapper.createDefault();
    private final String token = Tokens.backend();
    private final int port;

    public DarkroomApi(int port) {
        this.port = port;
    }

    /** Creates the case's job of {@code evidence} + {@code locations} images and returns it as first answered. */
    public JobView createJob(String caseId, int evidence, int locations) throws IOException, InterruptedException {
        String path = "/v1/cases/" + caseId + "/image-jobs";
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(Cases.body(evidence, locations)))));
        assertThat(response.statusCode()).as("POST " + path).isEqualTo(202);
        return json.readValue(response.body(), JobView.class);
    }

    /** Creates the case's job from the body given, as first answered. */
    public JobView createJob(String caseId, Map<String, Object> body) throws IOException, InterruptedException {
        String path = "/v1/cases/" + caseId + "/image-jobs";
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body))));
        assertThat(response.statusCode()).as("POST " + path).isEqualTo(202);
        return json.readValue(response.body(), JobView.class);
    }

    public JobView job(String jobId) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(uri("/v1/jobs/" + jobId)).GET());
        assertThat(response.statusCode()).as("GET job").isEqualTo(200);
        return json.readValue(response.body(), JobView.class);
    }

    /** Cancels the job; returns the HTTP status of the answer. */
    public int cancel(String jobId) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri("/v1/jobs/" + jobId + "/cancel"))
                .POST(HttpRequest.BodyPublishers.noBody())).statusCode();
    }

    /** The strong ETag of an image: it changes if the image's bytes do. */
    public String etag(String imagePath) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(uri(imagePath)).GET());
        assertThat(response.statusCode()).as("GET " + imagePath).isEqualTo(200);
        return response.headers().firstValue("ETag").orElseThrow();
    }

    /** Finish time of each succeeded image, by image id. */
    public static Map<String, Instant> finishTimes(JobView job) {
        Map<String, Instant> finishedAt = new LinkedHashMap<>();
        job.images().stream().filter(image -> "succeeded".equals(image.status()))
                .forEach(image -> finishedAt.put(image.id(), image.finishedAt()));
        return finishedAt;
    }

    /** ETag of each succeeded image of {@code job} whose id is in {@code ids}. */
    public Map<String, String> etags(JobView job, Iterable<String> ids) throws IOException, InterruptedException {
        Map<String, String> etags = new LinkedHashMap<>();
        for (String id : ids) {
            JobView.ImageView image = job.images().stream().filter(i -> i.id().equals(id)).findFirst().orElseThrow();
            etags.put(id, etag(image.url()));
        }
        return etags;
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
