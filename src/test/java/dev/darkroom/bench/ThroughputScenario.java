package dev.darkroom.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Zero provider latency, full-size (512×512) pictures, a node with every role: how many images per second come
 * out end to end, and where the node's CPU goes, from a flight recording of that window.
 */
final class ThroughputScenario {

    static final String NAME = "zero-latency throughput";
    private static final int IMAGES_PER_CASE = 14;

    private ThroughputScenario() {
    }

    static int cases(BenchOptions options) {
        return options.quick() ? 4 : 16;
    }

    record Outcome(Instant began, Instant ended, Map<String, Number> byStatus) {
    }

    /** Cases sent and finished before the measured ones, so that the renderer and the rest run compiled. */
    static int warmupCases(BenchOptions options) {
        return options.quick() ? 2 : 4;
    }

    static Outcome load(BenchOptions options, Api api) {
        int cases = cases(options);
        int warmup = warmupCases(options);
        HttpLoad load = new HttpLoad("127.0.0.1", api.port());
        System.out.println("  warm-up cases");
        load.forCount(warmup, 1, CreateScenarios.creates(api, "zero-warm", 7, 7));
        api.awaitTerminalJobs(warmup, Duration.ofMinutes(10));
        Instant began = Instant.now();
        load.forCount(4, cases / 4, CreateScenarios.creates(api, "zero", 7, 7));
        api.awaitTerminalJobs(warmup + cases, Duration.ofMinutes(10));
        return new Outcome(began, Instant.now(), api.jobsByStatus());
    }

    /** Only the statuses some job has. */
    private static Map<String, Number> ended(Map<String, Number> byStatus) {
        Map<String, Number> some = new LinkedHashMap<>();
        byStatus.forEach((status, count) -> {
            if (count.longValue() > 0) {
                some.put(status, count);
            }
        });
        return some;
    }

    static Row row(BenchOptions options, Outcome outcome, Path recording) {
        System.out.printf("  measured from %s to %s%n", outcome.began(), outcome.ended());
        int images = cases(options) * IMAGES_PER_CASE;
        double seconds = Duration.between(outcome.began(), outcome.ended()).toMillis() / 1000.0;
        Flight.Summary flight = Flight.read(recording, outcome.began(), outcome.ended());
        double rendering = flight.renderingShare();
        return new Row(NAME, String.format("%.1f images/s; CPU samples: rendering %.0f%%, orchestrating %.0f%% "
                        + "(top: %s); the node used %.0f%% of the machine's CPU, the machine %.0f%%",
                        images / seconds, 100 * rendering, 100 * (1 - rendering), flight.topOrchestration(5),
                        100 * flight.jvmCpu(), 100 * flight.machineCpu()),
                "images/s end to end, and the share of CPU spent rendering vs orchestrating", "—", "—",
                String.format("%d cases of %d images at once after %d of warm-up (jobs by status at the end: %s), "
                                + "512×512; rendering = samples with Darkroom's "
                                + "renderer or JPEG encoder on the stack, in Java or in native code (%,d of them), the rest "
                                + "by the code on top (%,d samples in all, JFR profile settings; threads waiting in "
                                + "native code, GC and JIT threads are not counted)",
                        cases(options), IMAGES_PER_CASE, warmupCases(options), ended(outcome.byStatus()),
                        flight.nativeRendering(), flight.samples()));
    }
}
