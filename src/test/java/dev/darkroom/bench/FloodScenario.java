package dev.darkroom.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * A thousand cases accepted at once, each of one evidence item and one location, on one node with every role, a
 * provider latency of 5 s and a worker sized for it (200 runs at once). Pictures are small (64×64): rendering is real
 * CPU work on the same two cores, and this scenario is about orchestration.
 */
final class FloodScenario {

    static final String NAME = "1,000 cases accepted at once, 5 s latency, `max-runs` 200";
    static final Duration LATENCY = Duration.ofSeconds(5);
    static final int IMAGES_PER_CASE = 2;
    static final int SIDE = 64;
    private static final int CLIENTS = 50;

    private FloodScenario() {
    }

    static int cases(BenchOptions options) {
        return options.quick() ? 100 : 1000;
    }

    static int maxRuns(BenchOptions options) {
        return options.quick() ? 20 : 200;
    }

    /** The node's settings beyond a base node's. */
    static Map<String, String> settings(BenchOptions options) {
        return Map.of(
                "darkroom.local-generator.latency", LATENCY.toMillis() + "ms",
                "darkroom.worker.max-runs", Integer.toString(maxRuns(options)),
                "darkroom.image.width", Integer.toString(SIDE),
                "darkroom.image.height", Integer.toString(SIDE));
    }

    /** Creates the cases and waits for all of them to end; the node is stopped afterwards to read its recording. */
    record Outcome(HttpLoad.Result creates, Instant began, Instant ended, Map<String, Number> byStatus) {
    }

    static Outcome load(BenchOptions options, Api api) {
        int cases = cases(options);
        HttpLoad load = new HttpLoad("127.0.0.1", api.port());
        Instant began = Instant.now();
        HttpLoad.Result creates = load.forCount(CLIENTS, cases / CLIENTS,
                CreateScenarios.creates(api, "flood", IMAGES_PER_CASE / 2, IMAGES_PER_CASE / 2));
        System.out.printf("  %d creates in %.1f s %s%n", creates.answers(), creates.seconds(), creates.statuses());
        api.awaitTerminalJobs(cases, Duration.ofMinutes(10));
        Instant ended = Instant.now();
        return new Outcome(creates, began, ended, api.jobsByStatus());
    }

    static Row row(BenchOptions options, Outcome outcome, Path recording, boolean outOfMemory) {
        int cases = cases(options);
        int maxRuns = maxRuns(options);
        long waves = (cases + maxRuns - 1) / maxRuns;
        long windows = (IMAGES_PER_CASE + LatencyScenarios.WINDOW - 1) / LatencyScenarios.WINDOW;
        double bound = waves * windows * LATENCY.toMillis() / 1000.0;
        double total = Duration.between(outcome.began(), outcome.ended()).toMillis() / 1000.0;
        Flight.Summary flight = Flight.read(recording, outcome.began(), outcome.ended());
        long completed = outcome.byStatus().getOrDefault("completed", 0).longValue();
        long failed = cases - completed;
        double peakMiB = flight.peakHeapBytes() / 1024.0 / 1024.0;
        double p99 = outcome.creates().percentileMillis(99);
        boolean met = completed == cases && !outOfMemory && peakMiB <= 512 && p99 <= 50 && total <= 1.2 * bound
                && outcome.creates().withStatus(202) == cases;
        String figure = String.format("%,d of %,d completed, %,d not; heap peak %.0f MiB (live after GC %.0f MiB)%s; "
                        + "create p50 %.0f ms, p99 %.0f ms; total %.1f s vs bound %.0f s", completed, cases, failed,
                peakMiB, flight.peakLiveBytes() / 1024.0 / 1024.0, outOfMemory ? ", **OutOfMemoryError**" : "",
                outcome.creates().percentileMillis(50), p99, total, bound)
                + CreateScenarios.unexpected(outcome.creates(), 202);
        return new Row(NAME, figure, "all terminal, none failed, heap ≤ 512 MiB, create p99 ≤ 50 ms, total ≤ 1.2 × bound",
                String.format("total %.2f × bound; p99 %.2f × goal", total / bound, p99 / 50), Row.met(met),
                String.format("%d clients send the creates; %d images per case at %d×%d; bound = ⌈cases / max-runs⌉ × "
                                + "⌈images per case / window %d⌉ × latency = %d × %d × %d s; -Xmx512m, heap from the "
                                + "node's flight recording; total from the first create to the last job ended",
                        CLIENTS, IMAGES_PER_CASE, SIDE, SIDE, LatencyScenarios.WINDOW, waves, windows,
                        LATENCY.toSeconds()));
    }
}
