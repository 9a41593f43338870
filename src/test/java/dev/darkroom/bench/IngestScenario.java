package dev.darkroom.bench;

import dev.darkroom.run.RunRequest;

import java.time.Duration;
import java.util.List;

/**
 * The receiver's ingest rate: signed {@code image.succeeded} events, each with the real bytes of a 512×512 JPEG, for
 * the runs the node sent the harness (playing the worker), 16 at once. Every event is a new image of a job.
 */
final class IngestScenario {

    static final String NAME = "receiver ingest of signed `image.succeeded` events (real 512×512 JPEG bytes)";
    private static final int CLIENTS = 16;

    private IngestScenario() {
    }

    static Row run(BenchOptions options, Api api, FakeWorker worker, SignedEvents events) {
        int warmupJobs = options.quick() ? 8 : 40;
        int jobs = options.quick() ? 40 : 240;
        HttpLoad load = new HttpLoad("127.0.0.1", api.port());
        String host = "127.0.0.1:" + api.port();
        System.out.println("  creating the jobs whose images arrive");
        load.forCount(8, (warmupJobs + jobs + 7) / 8, CreateScenarios.creates(api, "ingest", 7, 7));
        List<RunRequest> runs = worker.awaitRuns("ingest", warmupJobs + jobs, Duration.ofMinutes(3));

        List<SignedEvents.Event> warmup = events.imagesOf(runs.subList(0, warmupJobs), host);
        System.out.println("  warm-up ingest");
        load.forCount(CLIENTS, warmup.size() / CLIENTS,
                (out, c, s) -> warmup.get((int) (s * CLIENTS + c)).write(out));

        List<SignedEvents.Event> measured = events.imagesOf(runs.subList(warmupJobs, runs.size()), host);
        long perClient = measured.size() / CLIENTS;
        HttpLoad.Result result = load.forCount(CLIENTS, perClient,
                (out, c, s) -> measured.get((int) (s * CLIENTS + c)).write(out));
        double rate = result.withStatus(200) / result.seconds();
        System.out.printf("  ingest: %,.0f events/s %s%n", rate, result.statuses());
        long bytes = measured.get(0).picture().length;
        return new Row(NAME, String.format("%,.0f events/s, p50 %.1f ms, p99 %.1f ms", rate,
                result.percentileMillis(50), result.percentileMillis(99)) + CreateScenarios.unexpected(result, 200),
                "≥ 1,000 events/s", String.format("%.2f×", rate / 1000), Row.met(rate >= 1000),
                String.format("%d keep-alive clients, %,d events of %d jobs (about %,d KB of base64 each) after %,d of "
                        + "warm-up; signed beforehand", CLIENTS, perClient * CLIENTS, jobs, bytes / 1000,
                        warmup.size()));
    }
}
