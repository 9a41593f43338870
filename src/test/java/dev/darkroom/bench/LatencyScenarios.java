package dev.darkroom.bench;

import dev.darkroom.provider.LocalImageGenerator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * One 14-image case (7 evidence items, 7 locations) on a node with every role, its worker a sliding window of 5,
 * the local generator standing in for a provider of known latency. Elapsed is the job's own createdAt to finishedAt.
 */
final class LatencyScenarios {

    static final String FIXED = "14 images at a fixed provider latency L";
    static final String VARIABLE = "14 images at variable latency (1–5 s)";
    static final int WINDOW = 5;
    static final Duration VARIABLE_BASE = Duration.ofSeconds(1);
    static final Duration VARIABLE_JITTER = Duration.ofSeconds(4);

    private LatencyScenarios() {
    }

    static Duration fixedLatency() {
        return Duration.ofSeconds(2);
    }

    static Row fixed(BenchOptions options, Api api) {
        long l = fixedLatency().toMillis();
        List<Long> elapsed = new ArrayList<>();
        int runs = options.quick() ? 1 : 3;
        System.out.println("  warm-up case");
        elapsedMillis(api, "fixed-warm");
        for (int i = 0; i < runs; i++) {
            elapsed.add(elapsedMillis(api, "fixed-" + i));
            System.out.printf("  fixed latency run %d: %,d ms%n", i + 1, elapsed.get(i));
        }
        long median = median(elapsed);
        double ratio = median / (3.0 * l);
        return new Row(FIXED, String.format("%.2f s (L = %d s; runs: %s)", median / 1000.0, l / 1000, seconds(elapsed)),
                String.format("≤ 1.03 × 3L = %.2f s", 1.03 * 3 * l / 1000), String.format("%.3f × 3L", ratio),
                Row.met(ratio <= 1.03), String.format("median of %d cases, one after the other, after one of "
                        + "warm-up; 3L is three windows of %d: 5 + 5 + 4 images", runs, WINDOW));
    }

    static Row variable(BenchOptions options, Api api) {
        int runs = options.quick() ? 1 : 2;
        List<Long> elapsed = new ArrayList<>();
        List<String> order = List.of();
        System.out.println("  warm-up case");
        elapsedMillis(api, "variable-warm");
        for (int i = 0; i < runs; i++) {
            String jobId = api.create("variable-" + i, 7, 7);
            Map<String, Object> view = api.awaitTerminal(jobId, Duration.ofMinutes(2));
            elapsed.add(Duration.between(Api.instant(view, "createdAt"), Api.instant(view, "finishedAt")).toMillis());
            order = imageIds(view);
            System.out.printf("  variable latency run %d: %,d ms%n", i + 1, elapsed.get(i));
        }
        long[] latencies = order.stream().mapToLong(id -> VARIABLE_BASE.toMillis()
                + LocalImageGenerator.jitterMillis(id, VARIABLE_JITTER)).toArray();
        long lockStep = lockStep(latencies, WINDOW);
        long window = slidingWindow(latencies, WINDOW);
        long median = median(elapsed);
        double faster = 1 - (double) median / lockStep;
        return new Row(VARIABLE, String.format("%.2f s vs %.2f s lock-step: %.0f%% faster (runs: %s; a perfect window "
                        + "of %d: %.2f s)", median / 1000.0, lockStep / 1000.0, 100 * faster, seconds(elapsed), WINDOW,
                        window / 1000.0),
                "≥ 20% faster than lock-step batches of 5", String.format("%.2f × lock-step", (double) median / lockStep),
                Row.met(faster >= 0.20), "median of " + runs + " cases after one of warm-up; latency per image "
                        + "1 s + a jitter of 0–4 s drawn from its id, so the same in the run and in the lock-step sum "
                        + "(over batches of 5 in the job's order, of each batch's slowest image): " + Arrays.toString(latencies) + " ms");
    }

    /** Batches of {@code size} one after the other, each as slow as its slowest image. */
    static long lockStep(long[] latencies, int size) {
        long total = 0;
        for (int start = 0; start < latencies.length; start += size) {
            total += Arrays.stream(latencies, start, Math.min(start + size, latencies.length)).max().orElse(0);
        }
        return total;
    }

    /** A window of {@code size} in flight, the next image started the moment one ends: the best a worker can do. */
    static long slidingWindow(long[] latencies, int size) {
        PriorityQueue<Long> ends = new PriorityQueue<>();
        long finish = 0;
        for (long latency : latencies) {
            long start = ends.size() < size ? 0 : ends.poll();
            ends.add(start + latency);
            finish = Math.max(finish, start + latency);
        }
        return finish;
    }

    private static long elapsedMillis(Api api, String caseId) {
        String jobId = api.create(caseId, 7, 7);
        Map<String, Object> view = api.awaitTerminal(jobId, Duration.ofMinutes(2));
        if (!"completed".equals(view.get("status"))) {
            throw new IllegalStateException("job of " + caseId + " ended " + view.get("status"));
        }
        return Duration.between(Api.instant(view, "createdAt"), Api.instant(view, "finishedAt")).toMillis();
    }

    @SuppressWarnings("unchecked")
    private static List<String> imageIds(Map<String, Object> view) {
        return ((List<Map<String, Object>>) view.get("images")).stream().map(image -> (String) image.get("id"))
                .toList();
    }

    static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static String seconds(List<Long> millis) {
        return String.join(", ", millis.stream().map(m -> String.format("%.2f s", m / 1000.0)).toList());
    }
}
