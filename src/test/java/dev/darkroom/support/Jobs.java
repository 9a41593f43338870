package dev.darkroom.support;

import dev.darkroom.status.JobView;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;

import java.time.Duration;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/** Creating and polling jobs through the public API, as a client would. */
public final class Jobs {

    private final HttpClient http;

    public Jobs(HttpClient http) {
        this.http = http;
    }

    public JobView create(String caseId, Map<String, Object> body) {
        return http.toBlocking().retrieve(HttpRequest.POST("/v1/cases/" + caseId + "/image-jobs", body).bearerAuth(Tokens.backend()),
                JobView.class);
    }

    public JobView get(String jobId) {
        return http.toBlocking().retrieve(HttpRequest.GET("/v1/jobs/" + jobId).bearerAuth(Tokens.backend()), JobView.class);
    }

    public JobView awaitTerminal(String jobId) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> get(jobId), view -> view.finishedAt() != null);
    }

    public JobView.ImageView image(JobView view, String imageId) {
        return view.images().stream().filter(i -> i.id().equals(imageId)).findFirst().orElseThrow();
    }
}
