package dev.darkroom.support;

import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import org.mockserver.integration.ClientAndServer;
import org.mockserver.model.HttpRequest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import static org.mockserver.model.HttpRequest.request;
import static org.mockserver.model.HttpResponse.response;

/**
 * A MockServer standing in for a worker that accepts runs and does nothing with them, so a test can play the
 * worker's part: send its webhooks, answer recovery's questions, or vanish.
 */
public final class SilentWorker {

    private final ClientAndServer server = MockServers.start();
    private final JsonMapper json;

    public SilentWorker(JsonMapper json) {
        this.json = json;
    }

    public String url() {
        return MockServers.url(server);
    }

    public ClientAndServer server() {
        return server;
    }

    /** Accepts every run; a run it is asked about is unknown (404), as after a crash. */
    public void reset() {
        server.reset();
        server.when(request().withMethod("POST").withPath("/internal/runs"))
                .respond(response().withStatusCode(202).withBody("{\"started\":true}"));
    }

    public void stop() {
        server.stop();
    }

    /** The runs sent for a job, oldest first, as {runId, attempt, imageIds}. */
    public List<SentRun> runsFor(String jobId) {
        List<SentRun> runs = new ArrayList<>();
        for (HttpRequest sent : server.retrieveRecordedRequests(request().withMethod("POST")
                .withPath("/internal/runs"))) {
            JsonNode run = read(sent.getBodyAsRawBytes());
            if (run.get("jobId").getStringValue().equals(jobId)) {
                List<String> images = new ArrayList<>();
                JsonNode items = run.get("images");
                for (int i = 0; i < items.size(); i++) {
                    images.add(items.get(i).get("imageId").getStringValue());
                }
                runs.add(new SentRun(run.get("runId").getStringValue(), run.get("attempt").getIntValue(), images));
            }
        }
        return runs;
    }

    public record SentRun(String runId, int attempt, List<String> imageIds) {
    }

    private JsonNode read(byte[] body) {
        try {
            return json.readValue(body, JsonNode.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
