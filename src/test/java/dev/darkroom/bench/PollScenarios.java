package dev.darkroom.bench;

import dev.darkroom.run.RunRequest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The poll of a finished 14-image job, 200 and 304, against the ceiling: the three sides alternate, ceiling, 200,
 * 304, ceiling, 200, 304, on 16 keep-alive connections each.
 */
final class PollScenarios {

    static final String POLL = "authenticated poll of a finished 14-image job, 200";
    static final String NOT_MODIFIED = "the same poll with `If-None-Match` of its ETag, 304";
    private static final int CONNECTIONS = 16;

    private PollScenarios() {
    }

    static List<Row> run(BenchOptions options, Api api, FakeWorker worker, SignedEvents events, int ceilingPort) {
        String jobId = finishedJob(api, worker, events, "poll-case");
        String path = "/v1/jobs/" + jobId;
        String host = "127.0.0.1:" + api.port();
        byte[] poll = HttpLoad.get(host, path, Map.of("Authorization", api.bearer()));
        Optional<String> etag = api.etag(path);
        byte[] ceiling = HttpLoad.get("127.0.0.1:" + ceilingPort, CeilingProcess.PATH, Map.of());

        List<Rounds.Side> sides = new ArrayList<>();
        sides.add(new Rounds.Side("ceiling", new HttpLoad("127.0.0.1", ceilingPort), (out, c, s) -> out.write(ceiling),
                200));
        HttpLoad darkroom = new HttpLoad("127.0.0.1", api.port());
        sides.add(new Rounds.Side("poll 200", darkroom, (out, c, s) -> out.write(poll), 200));
        etag.ifPresent(tag -> {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Authorization", api.bearer());
            headers.put("If-None-Match", tag);
            byte[] conditional = HttpLoad.get(host, path, headers);
            sides.add(new Rounds.Side("poll 304", darkroom, (out, c, s) -> out.write(conditional), 304));
        });
        Map<String, Rounds.Figures> figures = Rounds.alternate(sides, CONNECTIONS, options.warmup(), options.round(),
                options.rounds());

        Rounds.Figures top = figures.get("ceiling");
        String how = String.format("%d connections, %d rounds of %d s alternating with the ceiling (%s/s) after %d s "
                        + "of warm-up each; rounds: %%s", CONNECTIONS, options.rounds(), options.round().toSeconds(),
                top.rounds(), options.warmup().toSeconds());
        List<Row> rows = new ArrayList<>();
        rows.add(versusCeiling(POLL, figures.get("poll 200"), 200, top, 0.5, how));
        if (etag.isEmpty()) {
            rows.add(Row.failed(NOT_MODIFIED, "≥ 0.7× the bare endpoint",
                    "the 200 answer carries no ETag header, so there is nothing to send in If-None-Match"));
        } else {
            Rounds.Figures notModified = figures.get("poll 304");
            if (notModified.statuses().getOrDefault(304, 0L) == 0) {
                rows.add(Row.failed(NOT_MODIFIED, "≥ 0.7× the bare endpoint",
                        "If-None-Match of the ETag " + etag.get() + " got " + notModified.statuses() + ", no 304"));
            } else {
                rows.add(versusCeiling(NOT_MODIFIED, notModified, 304, top, 0.7, how));
            }
        }
        return rows;
    }

    private static Row versusCeiling(String scenario, Rounds.Figures side, int status, Rounds.Figures ceiling,
                                     double goal, String how) {
        double ratio = side.mean() / ceiling.mean();
        String figure = String.format("%,.0f req/s (ceiling %,.0f req/s)", side.mean(), ceiling.mean());
        double off = side.offShare(status);
        if (off > 0.001) {
            figure += String.format("; %.1f%% of answers were not %d: %s", 100 * off, status, side.statuses());
        }
        return new Row(scenario, figure, String.format("≥ %.1f× the bare endpoint", goal),
                String.format("%.2f×", ratio), Row.met(ratio >= goal && off <= 0.001),
                String.format(how, side.rounds()));
    }

    /** A case of 7 evidence items and 7 locations, every image delivered by signed events, the run finished. */
    static String finishedJob(Api api, FakeWorker worker, SignedEvents events, String caseId) {
        String jobId = api.create(caseId, 7, 7);
        RunRequest run = worker.awaitRun(jobId, Duration.ofSeconds(60));
        List<SignedEvents.Event> images = events.imagesOf(List.of(run), "127.0.0.1:" + api.port());
        HttpLoad.Result sent = new HttpLoad("127.0.0.1", api.port()).forCount(1, images.size(),
                (out, c, s) -> images.get((int) s).write(out));
        if (sent.withStatus(200) != images.size()) {
            throw new IllegalStateException("the receiver answered " + sent.statuses() + " to the job's images");
        }
        events.finish(api.port(), run);
        Map<String, Object> view = api.awaitTerminal(jobId, Duration.ofSeconds(60));
        if (!"completed".equals(view.get("status"))) {
            throw new IllegalStateException("the job ended " + view.get("status") + ", not completed");
        }
        return jobId;
    }
}
