package dev.darkroom.webhook;

import dev.darkroom.api.JobCreation;
import dev.darkroom.run.RunEvent;
import dev.darkroom.support.Cases;
import dev.darkroom.support.Pictures;
import dev.darkroom.support.SignedWebhooks;
import dev.darkroom.support.StatementLog;
import io.micronaut.context.annotation.Property;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What one image.succeeded costs the database, counted on the applying thread: the job's lock, the receipt written
 * if new (no look first), the task, the picture, the task's and the job's update, the open count. A redelivery stops
 * after the receipt.
 */
@MicronautTest(transactional = false)
@Property(name = "statement-log", value = "true")
@Property(name = "darkroom.roles.worker", value = "false")
@Property(name = "darkroom.dispatch.worker-url", value = "http://127.0.0.1:9")
class IngestRoundTripsTest {

    @Inject
    JobCreation creation;

    @Inject
    WorkerEventHandler handler;

    @Inject
    StatementLog statements;

    @Inject
    JsonMapper json;

    private final byte[] jpeg = Pictures.jpeg(512, 512);

    @Test
    void anImageSucceededCostsSevenStatementsAndItsEventsAndNoLookAtTheReceipts() throws IOException {
        String jobId = job("case-ingest");
        statements.clear();

        boolean applied = handler.handle("msg_ingest_1", succeeded(jobId, "ev-1"));

        List<StatementLog.Execution> sent = statements.ofThisThread();
        assertThat(applied).isTrue();
        // Seven of its own, then the stream's history: the image's row, and, since this first image moves the job to
        // generating, the count of its images and the status row.
        assertThat(sent).as("statements of one image.succeeded: %s", sent).hasSize(10);
        assertThat(sent).filteredOn(e -> e.is("insert", "job_events")).hasSize(2);
        assertThat(sent).noneMatch(e -> e.is("select", "webhook_receipts"));
        assertThat(sent).filteredOn(e -> e.is("insert", "webhook_receipts")).hasSize(1);
        assertThat(sent).filteredOn(e -> e.is("insert", "images")).hasSize(1);
    }

    @Test
    void aRedeliveryIsAcknowledgedAfterTheLockAndTheReceipt() throws IOException {
        String jobId = job("case-redelivery");
        handler.handle("msg_redelivery_1", succeeded(jobId, "ev-1"));
        statements.clear();

        boolean applied = handler.handle("msg_redelivery_1", succeeded(jobId, "ev-1"));

        assertThat(applied).isFalse();
        assertThat(statements.ofThisThread()).hasSize(2);
    }

    private RunEvent succeeded(String jobId, String imageId) {
        return SignedWebhooks.imageSucceeded(jobId, "run-of-the-test", imageId, jpeg).data();
    }

    private String job(String caseId) throws IOException {
        return creation.create(caseId, json.writeValueAsBytes(Cases.body(7, 7)), null, "ingest-caller").view()
                .jobId();
    }
}
