package dev.darkroom.support;

import dev.darkroom.job.Job;
import dev.darkroom.job.JobRepository;
import dev.darkroom.job.JobStatus;
import dev.darkroom.job.outbox.Dispatch;
import dev.darkroom.job.outbox.DispatchRepository;
import io.micronaut.transaction.TransactionOperations;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Two senders claiming due dispatches at the same moment, as two nodes would: the first holds its rows while the
 * second claims. The dispatches are due an hour from now, so the node's own dispatcher never sees them.
 */
public final class ClaimRace {

    public record Result(List<String> first, List<String> second) {
    }

    private ClaimRace() {
    }

    public static Result run(JobRepository jobs, DispatchRepository dispatches, TransactionOperations<Connection> tx,
                             int rows, int firstTakes) throws Exception {
        Instant due = Instant.now().plus(Duration.ofHours(1));
        String prefix = "race-" + UUID.randomUUID();
        for (int i = 0; i < rows; i++) {
            Job job = jobs.save(new Job(UUID.randomUUID().toString(), prefix + i, null, JobStatus.PENDING, 1,
                    UUID.randomUUID().toString(), null, "h", null, due, null, null, due, 0, due, 0L));
            dispatches.save(Dispatch.due(UUID.randomUUID().toString(), job.id(), job.runId(), due));
        }
        Instant claimTime = due.plusSeconds(1);
        CountDownLatch firstHoldsItsRows = new CountDownLatch(1);
        CountDownLatch secondIsDone = new CountDownLatch(1);
        CompletableFuture<List<String>> first = CompletableFuture.supplyAsync(() -> tx.executeWrite(status -> {
            List<String> ids = ids(dispatches.lockDue(claimTime, firstTakes));
            firstHoldsItsRows.countDown();
            await(secondIsDone);
            return ids;
        }));
        await(firstHoldsItsRows);
        List<String> second = tx.executeWrite(status -> ids(dispatches.lockDue(claimTime, rows)));
        secondIsDone.countDown();
        return new Result(first.get(10, TimeUnit.SECONDS), second);
    }

    private static List<String> ids(List<Dispatch> claimed) {
        return claimed.stream().map(Dispatch::id).toList();
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the other claimer never got there");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
