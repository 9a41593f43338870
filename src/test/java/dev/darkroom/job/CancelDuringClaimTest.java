package dev.darkroom.job;

import dev.darkroom.job.outbox.Dispatch;
import dev.darkroom.job.outbox.DispatchRepository;
import dev.darkroom.job.outbox.DispatchStatus;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A cancel that arrives while a sender is claiming the job's dispatch: the cancel waits for the claim to commit and
 * then abandons the dispatch as it now stands, instead of failing on a version the claim has moved on.
 */
@MicronautTest(transactional = false)
class CancelDuringClaimTest {

    @Inject
    JobActions actions;

    @Inject
    JobRepository jobs;

    @Inject
    DispatchRepository dispatches;

    @Inject
    Claims claims;

    @Inject
    TransactionOperations<Connection> tx;

    @Test
    void aCancelWaitsForAClaimInFlightAndThenAbandonsTheDispatch() throws Exception {
        // Due an hour from now, so this node's own dispatcher never takes it.
        Instant due = Instant.now().plus(Duration.ofHours(1));
        Job job = jobs.save(new Job(UUID.randomUUID().toString(), "case-cancel-claim-" + UUID.randomUUID(), null,
                JobStatus.PENDING, 1, UUID.randomUUID().toString(), null, "h", null, due, null, null, due, 0, due, 0L));
        dispatches.save(Dispatch.due(UUID.randomUUID().toString(), job.id(), job.runId(), due));
        CountDownLatch claimHeld = new CountDownLatch(1);
        CountDownLatch commitClaim = new CountDownLatch(1);
        CompletableFuture<Void> claim = CompletableFuture.runAsync(() -> tx.executeWrite(status -> {
            claims.dueDispatches(due.plusSeconds(1), due.plus(Duration.ofMinutes(2)), 1);
            claimHeld.countDown();
            awaitLatch(commitClaim);
            return null;
        }));
        awaitLatch(claimHeld);

        CompletableFuture<Job> cancel = CompletableFuture.supplyAsync(() -> actions.cancel(job.id()));
        await().atMost(Duration.ofSeconds(10)).until(this::someSessionWaitsOnALock);
        commitClaim.countDown();
        claim.get(10, TimeUnit.SECONDS);

        assertThat(cancel.get(15, TimeUnit.SECONDS).status()).isEqualTo(JobStatus.CANCELED);
        assertThat(dispatches.findByJobIdAndStatus(job.id(), DispatchStatus.DUE)).isEmpty();
        assertThat(dispatches.findByJobIdAndStatus(job.id(), DispatchStatus.ABANDONED)).hasSize(1);
    }

    private boolean someSessionWaitsOnALock() {
        return tx.executeRead(status -> {
            try (ResultSet blocked = status.getConnection().createStatement().executeQuery(
                    "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE BLOCKER_ID IS NOT NULL")) {
                blocked.next();
                return blocked.getInt(1) > 0;
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the other side never got there");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
