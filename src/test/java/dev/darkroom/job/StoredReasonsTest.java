package dev.darkroom.job;

import dev.darkroom.job.outbox.Dispatch;
import dev.darkroom.job.outbox.DispatchRepository;
import dev.darkroom.run.ImageKind;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reasons quote what a worker, a provider or the network said, at any length and with any characters: they are
 * stored cut to fit their column and cleaned, never refused by the database (which would leave the job unfinished).
 */
@MicronautTest(transactional = false)
class StoredReasonsTest {

    static final String SAID = "worker answered 500: \u0000" + "🎞".repeat(800);

    @Inject
    JobRepository jobs;

    @Inject
    DispatchRepository dispatches;

    @Inject
    ImageTaskRepository tasks;

    @Inject
    JobUpdater updater;

    @Inject
    TransactionOperations<Connection> tx;

    @Test
    void aJobsFailureReasonIsCutToItsColumnAndCleaned() {
        Job job = jobs.save(newJob());

        jobs.update(job.withFailureReason(SAID));

        String stored = jobs.findById(job.id()).orElseThrow().failureReason();
        assertThat(stored).hasSizeBetween(499, 500);
        assertThat(stored).startsWith("worker answered 500: \uFFFD🎞").doesNotContain("\u0000");
    }

    @Test
    void aDispatchsLastErrorIsCutToItsColumnAndCleaned() {
        Job job = jobs.save(newJob());
        Dispatch due = dispatches.save(Dispatch.due(UUID.randomUUID().toString(), job.id(), job.runId(),
                Instant.now().plusSeconds(3600)));

        dispatches.update(due.failedTry(due.dueAt(), SAID));

        String stored = dispatches.findById(due.id()).orElseThrow().lastError();
        assertThat(stored).hasSizeBetween(499, 500);
        assertThat(stored).doesNotContain("\u0000");
    }

    @Test
    void theImagesOfAJobThatGivesUpKeepAReasonThatFitsTheirColumn() {
        Instant later = Instant.now().plusSeconds(3600);
        Job job = jobs.save(new Job(UUID.randomUUID().toString(), "case-give-up-" + UUID.randomUUID(), null,
                JobStatus.GENERATING, 3, UUID.randomUUID().toString(), null, "h", null, later, later, null, later, 0,
                later, 0L));
        tasks.save(new ImageTask(UUID.randomUUID().toString(), job.id(), "ev-1", 0, ImageKind.EVIDENCE, "Key", "",
                TaskStatus.GENERATING, job.runId(), null, null, null, null, null, null, null, null, null, null, 0L));

        tx.executeWrite(status -> updater.retryOrGiveUp(jobs.findByIdForUpdate(job.id()).orElseThrow(), SAID));

        ImageTask failed = tasks.findByJobIdOrderByPosition(job.id()).get(0);
        assertThat(failed.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(failed.errorMessage()).startsWith("worker lost: worker answered 500: \uFFFD")
                .hasSizeBetween(999, 1000);
    }

    private static Job newJob() {
        // Far in the future, so this node's dispatcher and recovery never look at it.
        Instant later = Instant.now().plusSeconds(3600);
        return new Job(UUID.randomUUID().toString(), "case-reasons-" + UUID.randomUUID(), null, JobStatus.CANCELED, 1,
                UUID.randomUUID().toString(), null, "h", null, later, null, later, later, 0, later, 0L);
    }
}
