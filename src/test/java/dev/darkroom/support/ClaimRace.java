package dev.darkroom.support;

import io.micronaut.transaction.TransactionOperations;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/** Claimers taking rows at the same moment, as several nodes would, each in a transaction of its own. */
public final class ClaimRace {

    public record Result(List<String> first, List<String> second) {
    }

    private ClaimRace() {
    }

    /**
     * The first claimer takes {@code firstTakes} rows and holds them, uncommitted, while the second claims up to
     * {@code secondTakes}; {@code claim} takes a limit and returns the ids it claimed.
     */
    public static Result held(TransactionOperations<Connection> tx, IntFunction<List<String>> claim, int firstTakes,
                              int secondTakes) throws Exception {
        CountDownLatch firstHoldsItsRows = new CountDownLatch(1);
        CountDownLatch secondIsDone = new CountDownLatch(1);
        CompletableFuture<List<String>> first = CompletableFuture.supplyAsync(() -> tx.executeWrite(status -> {
            List<String> ids = claim.apply(firstTakes);
            firstHoldsItsRows.countDown();
            await(secondIsDone);
            return ids;
        }));
        await(firstHoldsItsRows);
        List<String> second = tx.executeWrite(status -> claim.apply(secondTakes));
        secondIsDone.countDown();
        return new Result(first.get(10, TimeUnit.SECONDS), second);
    }

    /**
     * {@code claimers} threads claiming batches of {@code batch}, all starting together, each committing every claim
     * at once, until {@code total} rows were claimed altogether (or a minute passed): every id each one got, in the
     * order it got them, duplicates kept so that a test can see them.
     */
    public static List<String> free(TransactionOperations<Connection> tx, IntFunction<List<String>> claim,
                                    int claimers, int batch, int total) throws Exception {
        CyclicBarrier start = new CyclicBarrier(claimers);
        Set<String> seen = Collections.synchronizedSet(new HashSet<>());
        List<String> all = Collections.synchronizedList(new ArrayList<>());
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        ExecutorService pool = Executors.newFixedThreadPool(claimers);
        List<CompletableFuture<Void>> running = new ArrayList<>();
        for (int i = 0; i < claimers; i++) {
            running.add(CompletableFuture.runAsync(() -> {
                try {
                    start.await(10, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                while (seen.size() < total && System.nanoTime() < deadline) {
                    List<String> got = tx.executeWrite(status -> claim.apply(batch));
                    all.addAll(got);
                    seen.addAll(got);
                }
            }, pool));
        }
        try {
            CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
        } finally {
            pool.shutdownNow();
        }
        return List.copyOf(all);
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
