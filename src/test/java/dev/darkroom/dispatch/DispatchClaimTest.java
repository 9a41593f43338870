package dev.darkroom.dispatch;

import dev.darkroom.job.Job;
import dev.darkroom.job.JobRepository;
import dev.darkroom.job.JobStatus;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Two senders claiming at the same moment, as two nodes would, never get the same dispatch. */
@MicronautTest(transactional = false)
// Only this test claims: the node's own dispatcher stays out of the way.
@Property(name = "darkroom.roles.initiator", value = "false")
class DispatchClaimTest {

    @Inject
    DispatchRepository dispatches;

    @Inject
    JobRepository jobs;

    @Inject
    TransactionOperations<Connection> tx;

    @Test
    void concurrentClaimsSkipEachOthersRows() throws Exception {
        Instant now = Instant.now();
        for (int i = 0; i < 6; i++) {
            Job job = jobs.save(new Job(UUID.randomUUID().toString(), "claim-" + i, "claim-" + i, JobStatus.PENDING, 1,
                    UUID.randomUUID().toString(), null, "h", null, now, null, null, now, 0L));
            dispatches.save(Dispatch.due(UUID.randomUUID().toString(), job.id(), job.runId(), now.minusSeconds(1)));
        }
        CountDownLatch firstHoldsItsRows = new CountDownLatch(1);
        CountDownLatch secondIsDone = new CountDownLatch(1);

        CompletableFuture<List<String>> first = CompletableFuture.supplyAsync(() -> tx.executeWrite(status -> {
            List<String> ids = ids(dispatches.lockDue(Instant.now(), 3));
            firstHoldsItsRows.countDown();
            await(secondIsDone);
            return ids;
        }));
        await(firstHoldsItsRows);
        List<String> second = tx.executeWrite(status -> ids(dispatches.lockDue(Instant.now(), 10)));
        secondIsDone.countDown();

        Set<String> overlap = new HashSet<>(first.get(10, TimeUnit.SECONDS));
        overlap.retainAll(second);
        assertThat(first.get()).hasSize(3);
        // PostgreSQL hands the second claimer the other three; H2 applies the LIMIT before skipping, so it may
        // hand over fewer. Either way the second claimer neither waits nor takes a row the first one holds.
        assertThat(second).hasSizeLessThanOrEqualTo(3);
        assertThat(overlap).isEmpty();
    }

    private static List<String> ids(List<Dispatch> claimed) {
        return new ArrayList<>(claimed.stream().map(Dispatch::id).toList());
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
