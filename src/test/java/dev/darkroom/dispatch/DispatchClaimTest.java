package dev.darkroom.dispatch;

import dev.darkroom.job.Job;
import dev.darkroom.job.JobRepository;
import dev.darkroom.job.JobStatus;
import dev.darkroom.job.outbox.Dispatch;
import dev.darkroom.job.outbox.DispatchRepository;
import dev.darkroom.job.outbox.DispatchStatus;
import dev.darkroom.support.ClaimRace;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** On H2: two claimers at the same moment never get the same dispatch, and the second does not wait. */
@MicronautTest(transactional = false)
class DispatchClaimTest {

    @Inject
    DispatchRepository dispatches;

    @Inject
    JobRepository jobs;

    @Inject
    TransactionOperations<Connection> tx;

    @Test
    void concurrentClaimsSkipEachOthersRows() throws Exception {
        ClaimRace.Result race = ClaimRace.run(jobs, dispatches, tx, 6, 3);

        assertThat(race.first()).hasSize(3);
        // H2 applies the LIMIT before skipping locked rows, so the second claimer may get fewer than the three
        // left (PostgreSQL gives all three: see PostgresFlowTest). It never waits and never takes a held row.
        assertThat(race.second()).hasSizeLessThanOrEqualTo(3).doesNotContainAnyElementsOf(race.first());
    }

    @Test
    void dueDispatchesAreClaimedOldestFirstWhateverTheirDueTime() {
        // Far ahead, so this node's dispatcher never sees them. The oldest was held back latest, as a busy worker
        // does: it still goes first.
        Instant base = Instant.now().plus(Duration.ofDays(100));
        List<String> oldestFirst = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Instant created = base.plusSeconds(i);
            Job job = jobs.save(new Job(UUID.randomUUID().toString(), "case-order-" + UUID.randomUUID(), null,
                    JobStatus.PENDING, 1, UUID.randomUUID().toString(), null, "h", null, created, null, null, created,
                    0, created, 0L));
            Instant due = base.plusSeconds(60 - i);
            oldestFirst.add(dispatches.save(new Dispatch(UUID.randomUUID().toString(), job.id(), job.runId(),
                    DispatchStatus.DUE, due, 0, null, created, null, 0L)).id());
        }

        List<String> claimed = tx.executeWrite(status -> dispatches.lockDue(base.plusSeconds(120), 1000).stream()
                .map(Dispatch::id).filter(oldestFirst::contains).toList());

        assertThat(claimed).containsExactlyElementsOf(oldestFirst);
    }
}
