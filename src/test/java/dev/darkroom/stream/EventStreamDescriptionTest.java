package dev.darkroom.stream;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The OpenAPI document, as the build wrote it into the jar, describes the stream: its media type, resume and token. */
class EventStreamDescriptionTest {

    @Test
    void theDocumentDescribesTheEventStreamItsResumeItsTokenAndHowItFails() throws IOException {
        Map<String, Object> operation;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/swagger/darkroom.yml")) {
            Map<String, Object> document = new Yaml().load(in);
            Map<String, Object> paths = cast(document.get("paths"));
            Map<String, Object> path = cast(paths.get("/v1/jobs/{jobId}/events"));
            operation = cast(path.get("get"));
        }

        Map<String, Object> responses = cast(operation.get("responses"));
        assertThat(responses).containsKeys("200", "401", "403", "404");
        Map<String, Object> ok = cast(responses.get("200"));
        Map<String, Object> content = cast(ok.get("content"));
        assertThat(content).containsOnlyKeys("text/event-stream");
        List<Map<String, Object>> parameters = cast(operation.get("parameters"));
        assertThat(parameters).extracting(p -> p.get("in") + " " + p.get("name"))
                .contains("header Last-Event-ID", "query lastEventId", "query token");
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object value) {
        return (T) value;
    }
}
