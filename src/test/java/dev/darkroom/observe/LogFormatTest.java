package dev.darkroom.observe;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import io.micronaut.core.propagation.PropagatedContext;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The packaged logback.xml, configured in-process: JSON lines with DARKROOM_LOG_FORMAT=json, text otherwise. */
class LogFormatTest {

    final JsonMapper json = JsonMapper.createDefault();

    @Test
    void jsonFormatWritesOneObjectPerLineWithTheJobsFields() throws Exception {
        List<String> lines = logTwoLines("json");

        assertThat(lines).hasSize(2);
        Map<String, Object> inJob = json.readValue(lines.get(0), Argument.mapOf(String.class, Object.class));
        assertThat(inJob).containsEntry("message", "run started: 3 images")
                .containsEntry("level", "INFO")
                .containsEntry(JobContext.JOB_ID, "job-1")
                .containsEntry(JobContext.CASE_ID, "case-1")
                .containsEntry(JobContext.RUN_ID, "run-1");
        Map<String, Object> outside = json.readValue(lines.get(1), Argument.mapOf(String.class, Object.class));
        assertThat(outside).containsEntry("message", "no job here").doesNotContainKey(JobContext.JOB_ID);
    }

    @Test
    void theDefaultFormatIsTextWithTheJobsFieldsInBrackets() throws Exception {
        List<String> lines = logTwoLines(null);

        assertThat(lines.get(0)).endsWith("[job=job-1 case=case-1 run=run-1] run started: 3 images")
                .doesNotStartWith("{");
        assertThat(lines.get(1)).endsWith(" - no job here");
    }

    /** One line inside a job's context and one outside, through the main logback.xml, as written to stdout. */
    private List<String> logTwoLines(String format) throws Exception {
        LoggerContext context = new LoggerContext();
        // The MDC that org.slf4j.MDC writes to is the running logging's; this context must read the same one.
        context.setMDCAdapter(((LoggerContext) LoggerFactory.getILoggerFactory()).getMDCAdapter());
        if (format != null) {
            context.putProperty("DARKROOM_LOG_FORMAT", format);
        }
        PrintStream stdout = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            configurator.doConfigure(getClass().getResource("/logback.xml"));
            org.slf4j.Logger log = context.getLogger("dev.darkroom.worker.RunExecutor");
            try (PropagatedContext.Scope ignored = JobContext.of("job-1", "case-1", "run-1").propagate()) {
                log.info("run started: {} images", 3);
            }
            log.info("no job here");
        } finally {
            context.stop();
            System.setOut(stdout);
        }
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }
}
