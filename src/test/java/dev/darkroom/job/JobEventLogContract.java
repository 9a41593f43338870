package dev.darkroom.job;

import dev.darkroom.job.events.JobEvent;
import dev.darkroom.job.events.JobEventRepository;
import dev.darkroom.support.Cases;
import dev.darkroom.support.Jobs;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** A job's history is written with each change it records, in that change's transaction; on H2 and PostgreSQL. */
abstract class JobEventLogContract {

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    JobEventRepository events;

    @Inject
    JobActions actions;

    @Inject
    JobRepository jobs;

    @Inject
    TransactionOperations<Connection> tx;

    @Test
    void aJobThroughTheWholeFlowLeavesItsStatusItsImagesAndItsEndInOrder() {
        Jobs api = new Jobs(http);
        String jobId = api.create("event-log-flow", Cases.body(2, 1)).jobId();
        api.awaitTerminal(jobId);

        List<JobEvent> history = events.history(jobId);

        assertThat(history).extracting(JobEvent::id).isSorted().doesNotHaveDuplicates();
        assertThat(history.get(0).type()).isEqualTo(JobEvent.STATUS);
        assertThat(history).filteredOn(e -> e.type().equals(JobEvent.IMAGE_SUCCEEDED)).hasSize(2);
        assertThat(history).filteredOn(e -> e.type().equals(JobEvent.IMAGE_FAILED)).singleElement()
                .extracting(JobEvent::data).asString().contains("\"imageId\":\"ev-2\"");
        assertThat(history.get(history.size() - 1).type()).isEqualTo(JobEvent.FINISHED);
        assertThat(history.get(history.size() - 1).data()).contains("\"status\":\"partial\"", "\"succeeded\":2");
        assertThat(history.get(history.size() - 2).data()).contains("\"status\":\"partial\"", "\"percent\":100");
        assertThat(history).filteredOn(JobEvent::ends).hasSize(1);
    }

    @Test
    void aRetryThatCommitsWritesItsStatusAndOneRolledBackWritesNone() {
        Jobs api = new Jobs(http);
        String jobId = api.create("event-log-rollback", Cases.body(2, 0)).jobId();
        api.awaitTerminal(jobId);
        int before = events.history(jobId).size();

        Throwable failed = catchThrowable(() -> tx.executeWrite(status -> {
            actions.retry(jobId);
            throw new IllegalStateException("the rest of the transaction failed");
        }));

        assertThat(failed).hasMessageContaining("the rest of the transaction failed");
        assertThat(events.history(jobId)).hasSize(before);

        actions.retry(jobId);

        assertThat(events.history(jobId)).hasSizeGreaterThan(before).element(before).satisfies(event -> {
            assertThat(event.type()).isEqualTo(JobEvent.STATUS);
            assertThat(event.data()).contains("\"status\":\"pending\"");
        });
    }

    @Test
    void aJobsHistoryGoesWithTheJob() {
        Jobs api = new Jobs(http);
        String jobId = api.create("event-log-retention", Cases.body(1, 0)).jobId();
        api.awaitTerminal(jobId);
        assertThat(events.history(jobId)).isNotEmpty();

        tx.executeWrite(status -> jobs.deleteFinishedBefore(Instant.now().plusSeconds(60)));

        assertThat(events.history(jobId)).isEmpty();
    }
}
