package dev.darkroom.observe;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.darkroom.status.JobView;
import dev.darkroom.support.Cases;
import dev.darkroom.support.Jobs;
import io.micronaut.context.annotation.Property;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every line written for a job's work, on whichever thread (the dispatcher's, the run's, an image's, the
 * heartbeats', a webhook sender's, the receiver's), carries the job's fields in the MDC.
 */
@MicronautTest(transactional = false)
@Property(name = "darkroom.local-generator.fail-ids", value = "ev-2")
@Property(name = "darkroom.local-generator.latency", value = "300ms")
@Property(name = "darkroom.worker.heartbeat-interval", value = "100ms")
class JobLogFieldsTest {

    /** The packages whose lines speak of a job's work. */
    static final List<String> JOB_WORK = List.of("dev.darkroom.worker", "dev.darkroom.dispatch",
            "dev.darkroom.webhook", "dev.darkroom.job", "dev.darkroom.recovery", "dev.darkroom.provider");

    @Inject
    @Client("/")
    HttpClient http;

    final ListAppender<ILoggingEvent> captured = new ListAppender<>();
    final LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();

    @BeforeEach
    void capture() {
        captured.start();
        logging.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(captured);
        logging.getLogger("dev.darkroom").setLevel(Level.DEBUG);
    }

    @AfterEach
    void release() {
        logging.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(captured);
        logging.getLogger("dev.darkroom").setLevel(Level.INFO);
    }

    @Test
    void everyLineOfAJobsWorkCarriesItsJobCaseAndRun() {
        Jobs jobs = new Jobs(http);
        JobView job = jobs.create("case-log-fields", Cases.body(3, 1));
        assertThat(jobs.awaitTerminal(job.jobId()).status()).isEqualTo("partial");

        List<ILoggingEvent> work = List.copyOf(captured.list).stream()
                .filter(event -> JOB_WORK.stream().anyMatch(event.getLoggerName()::startsWith))
                .toList();
        assertThat(work).allSatisfy(event -> assertThat(event.getMDCPropertyMap())
                .as("%s [%s] %s", event.getLoggerName(), event.getThreadName(), event.getFormattedMessage())
                .containsEntry(JobContext.JOB_ID, job.jobId())
                .containsEntry(JobContext.CASE_ID, "case-log-fields")
                .containsKey(JobContext.RUN_ID));
        assertThat(work.stream().map(event -> event.getMDCPropertyMap().get(JobContext.RUN_ID)).distinct())
                .hasSize(1);

        // The lines came from the threads the work is spread over, heartbeats and webhook senders too.
        Set<String> threads = work.stream().map(ILoggingEvent::getThreadName).collect(Collectors.toSet());
        assertThat(threads).anyMatch(t -> t.startsWith("darkroom-runs"))
                .anyMatch(t -> t.startsWith("darkroom-images"))
                .anyMatch(t -> t.startsWith("webhook-sender"));
        assertThat(work).extracting(ILoggingEvent::getFormattedMessage)
                .anyMatch(line -> line.startsWith("run.heartbeat") && line.endsWith("delivered"))
                .anyMatch(line -> line.startsWith("image.failed") && line.endsWith("delivered"))
                .anyMatch(line -> line.startsWith("run sent to worker"))
                .anyMatch(line -> line.startsWith("image ev-2 failed"))
                .noneMatch(line -> line.contains(job.jobId()));
    }
}
