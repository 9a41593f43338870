package dev.darkroom;

import dev.darkroom.support.DarkroomApi;
import dev.darkroom.support.DarkroomProcess;
import dev.darkroom.support.JarProcesses;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The packaged jar with DARKROOM_LOG_FORMAT=json writes nothing but JSON lines, the job's fields in them. */
class JsonLogsIT {

    @RegisterExtension
    final JarProcesses processes = new JarProcesses("json-logs-it");

    @TempDir
    Path dataDir;

    private final int port = DarkroomProcess.freePort();
    private final DarkroomApi api = new DarkroomApi(port);
    private final JsonMapper json = JsonMapper.createDefault();

    @Test
    void everyLineIsAJsonObjectAndTheJobsLinesCarryItsFields() throws Exception {
        Map<String, String> properties = JarProcesses.baseProperties(dataDir);
        // logback reads the format from a system property as from the environment.
        properties.put("DARKROOM_LOG_FORMAT", "json");
        DarkroomProcess darkroom = processes.start(port, properties, "darkroom.log");
        String jobId = api.createJob("case-json", 2, 1).jobId();
        await().atMost(Duration.ofSeconds(30)).until(() -> api.job(jobId).finishedAt() != null);
        darkroom.terminate(Duration.ofSeconds(30));

        List<String> lines = Files.readAllLines(darkroom.log()).stream().filter(line -> !line.isBlank()).toList();
        assertThat(lines).isNotEmpty().allSatisfy(line -> assertThat(line).startsWith("{").endsWith("}"));
        List<Map<String, Object>> objects = lines.stream().map(this::parse).toList();
        assertThat(objects).filteredOn(object -> jobId.equals(object.get("jobId")))
                .isNotEmpty()
                .allSatisfy(object -> assertThat(object).containsEntry("caseId", "case-json").containsKey("runId"))
                .extracting(object -> object.get("message"))
                .contains("job created with 3 images", "run finished");
    }

    private Map<String, Object> parse(String line) {
        try {
            return json.readValue(line, Argument.mapOf(String.class, Object.class));
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }
}
