package dev.darkroom.dispatch;

import dev.darkroom.status.JobView;
import dev.darkroom.support.Cases;
import dev.darkroom.support.Jobs;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A dispatcher whose worker runs in the same process knows the worker's free slots: a backlog twenty times the
 * worker's capacity is sent one run at a time, and the worker never has to answer busy.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalWorkerCapacityTest implements TestPropertyProvider {

    static final int CASES = 20;

    @Inject
    @Client("/")
    HttpClient http;

    final ListAppender<ILoggingEvent> dispatcherLog = new ListAppender<>();

    @Override
    public Map<String, String> getProperties() {
        return Map.of("darkroom.worker.max-runs", "1",
                "darkroom.local-generator.latency", "50ms",
                "darkroom.api.creations-per-minute", "1000");
    }

    @BeforeEach
    void capture() {
        dispatcherLog.start();
        dispatcher().addAppender(dispatcherLog);
    }

    @AfterEach
    void release() {
        dispatcher().detachAppender(dispatcherLog);
    }

    @Test
    void aDispatcherSendsItsOwnWorkerNothingTheWorkerWouldRefuse() {
        Jobs jobs = new Jobs(http);
        List<String> jobIds = IntStream.range(0, CASES)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> jobs.create("case-local-capacity-" + i,
                        Cases.body(1, 0)).jobId()))
                .toList().stream().map(CompletableFuture::join).toList();

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> jobIds.stream().allMatch(id -> jobs.get(id).finishedAt() != null));

        for (String jobId : jobIds) {
            JobView done = jobs.get(jobId);
            assertThat(done.status()).as("job %s", jobId).isEqualTo("completed");
            assertThat(done.attempt()).as("job %s", jobId).isEqualTo(1);
        }
        List<String> lines = dispatcherLog.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(lines).as("runs sent").filteredOn(line -> line.contains("sent to worker")).hasSize(CASES);
        assertThat(lines).as("busy answers").noneMatch(line -> line.startsWith("worker busy"));
    }

    private static Logger dispatcher() {
        return ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Dispatcher.class);
    }
}
