package dev.darkroom.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Creates on PostgreSQL with one API node and with two, every run sent by a dispatcher on a third node that takes
 * no create, so that each run reaches it by the notice of its create's commit (its own poll is the fallback). The
 * same processes serve both sides: one side loads the first API node alone, the other both at once, in alternating
 * rounds. The harness is the worker at the wire and notes when each run arrives.
 */
final class ClusterScenario {

    static final String NAME = "cluster";
    static final String THROUGHPUT = "cluster create, 16 clients, PostgreSQL";
    static final String LATENCY = "cluster create to dispatch, dispatcher on another node";
    static final String GOAL = "p50 ≤ 100 ms create to dispatch; scaling ratio stated";
    private static final int CLIENTS = 16;
    /** Between two creates of the latency phase: a steady trickle, not a load. */
    private static final Duration PACE = Duration.ofMillis(20);

    private ClusterScenario() {
    }

    record Side(String name, List<Api> nodes) {
    }

    static List<Row> run(BenchOptions options, Api first, Api second, FakeWorker worker) {
        Side one = new Side("1 API node", List.of(first));
        Side two = new Side("2 API nodes", List.of(first, second));
        System.out.println("  warm-up creates on both API nodes");
        rate(two, options.warmup(), "cluster-warm");
        double[] sums = new double[2];
        List<List<String>> rounds = List.of(new ArrayList<>(), new ArrayList<>());
        for (int i = 0; i < options.rounds(); i++) {
            List<Side> sides = List.of(one, two);
            for (int s = 0; s < sides.size(); s++) {
                double rate = rate(sides.get(s), options.round(), "cluster-" + s + "-" + i);
                System.out.printf("  round %d, %s: %,.0f jobs/s%n", i + 1, sides.get(s).name(), rate);
                sums[s] += rate;
                rounds.get(s).add(String.format("%,.0f", rate));
            }
        }
        double oneRate = sums[0] / options.rounds();
        double twoRate = sums[1] / options.rounds();
        // The dispatcher may still be sending what the load created; a latency measured behind that backlog would
        // be the backlog's.
        awaitDrained(worker);
        int count = options.quick() ? 100 : 500;
        double[] oneLatency = latencies(one, worker, count, "cluster-lat-1");
        double[] twoLatency = latencies(two, worker, count, "cluster-lat-2");
        String how = String.format("%d keep-alive clients (8 per node with two), %d rounds of %d s per side, "
                        + "alternating, after %d s of warm-up; one PostgreSQL, a dispatcher node that takes no "
                        + "create; rounds: %s (one), %s (two)", CLIENTS, options.rounds(),
                options.round().toSeconds(), options.warmup().toSeconds(), String.join(", ", rounds.get(0)),
                String.join(", ", rounds.get(1)));
        String latencyHow = String.format("%d creates, one every %d ms (alternating nodes with two), after the "
                + "load drained; from the create's first byte sent to its run's arrival at the harness's worker",
                count, PACE.toMillis());
        return List.of(
                new Row(THROUGHPUT + ", " + one.name(), String.format("%,.0f jobs/s", oneRate), "—", "—", "—", how),
                new Row(THROUGHPUT + ", " + two.name(), String.format("%,.0f jobs/s", twoRate), "scaling ratio",
                        String.format("%.2f× one node", twoRate / oneRate), "—", how),
                latencyRow(one, oneLatency, latencyHow),
                latencyRow(two, twoLatency, latencyHow));
    }

    /** Jobs per second created with 202 across the side's nodes, the clients shared out among them. */
    private static double rate(Side side, Duration duration, String prefix) {
        int perNode = CLIENTS / side.nodes().size();
        List<CompletableFuture<HttpLoad.Result>> loads = new ArrayList<>();
        for (int n = 0; n < side.nodes().size(); n++) {
            Api api = side.nodes().get(n);
            String cases = prefix + "-n" + n;
            loads.add(CompletableFuture.supplyAsync(() -> new HttpLoad("127.0.0.1", api.port())
                    .forDuration(perNode, duration, CreateScenarios.creates(api, cases, 7, 7), false)));
        }
        double rate = 0;
        for (CompletableFuture<HttpLoad.Result> load : loads) {
            HttpLoad.Result result = load.join();
            rate += result.withStatus(202) / result.seconds();
        }
        return rate;
    }

    private static void awaitDrained(FakeWorker worker) {
        System.out.println("  waiting for the dispatcher to send what the load created");
        int before = -1;
        while (worker.received() != before) {
            before = worker.received();
            Pause.of(Duration.ofSeconds(2));
        }
    }

    /** Milliseconds from each create's send to its run's arrival, sorted. */
    private static double[] latencies(Side side, FakeWorker worker, int count, String prefix) {
        System.out.println("  create to dispatch, " + side.name());
        double[] millis = new double[count];
        for (int i = 0; i < count; i++) {
            Api api = side.nodes().get(i % side.nodes().size());
            long sent = System.nanoTime();
            String jobId = api.create(prefix + "-" + i, 7, 7);
            long arrived = worker.awaitArrival(jobId, Duration.ofSeconds(30));
            millis[i] = (arrived - sent) / 1e6;
            Pause.of(PACE);
        }
        Arrays.sort(millis);
        return millis;
    }

    private static Row latencyRow(Side side, double[] millis, String how) {
        double p50 = percentile(millis, 50);
        double p99 = percentile(millis, 99);
        return new Row(LATENCY + ", " + side.name(), String.format("p50 %.1f ms, p99 %.1f ms", p50, p99),
                "p50 ≤ 100 ms", String.format("%.2f× the goal", p50 / 100), Row.met(p50 <= 100), how);
    }

    private static double percentile(double[] sorted, double percentile) {
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(index, sorted.length - 1))];
    }
}
