package dev.darkroom.bench;

import java.util.Map;

/**
 * Creates of 14-image cases (7 evidence items, 7 locations), every one for a case of its own: one client after the
 * other for the latency, 16 at once for the rate. The node has no worker role: its runs go to the harness, which
 * accepts them at once, so no rendering competes with the creates.
 */
final class CreateScenarios {

    static final String SEQUENTIAL = "create a 14-image job, sequential";
    static final String CONCURRENT = "create, 16 clients at once, unique cases";
    private static final int CLIENTS = 16;

    private CreateScenarios() {
    }

    /** Requests that each create the job of a case no other request names. */
    static HttpLoad.Requests creates(Api api, String prefix, int evidence, int locations) {
        byte[] body = Api.caseBody(evidence, locations);
        String host = "127.0.0.1:" + api.port();
        Map<String, String> headers = Map.of("Authorization", api.bearer(), "Content-Type", "application/json");
        return (out, connection, sequence) -> {
            String path = "/v1/cases/" + prefix + "-" + connection + "-" + sequence + "/image-jobs";
            out.write(HttpLoad.head("POST", host, path, headers, body.length));
            out.write(body);
        };
    }

    static Row sequential(BenchOptions options, Api api) {
        HttpLoad load = new HttpLoad("127.0.0.1", api.port());
        int warmup = options.quick() ? 50 : 300;
        int measured = options.quick() ? 200 : 1000;
        System.out.println("  warm-up sequential creates");
        load.forCount(1, warmup, creates(api, "seq-warm", 7, 7));
        HttpLoad.Result result = load.forCount(1, measured, creates(api, "seq", 7, 7));
        double p50 = result.percentileMillis(50);
        double p99 = result.percentileMillis(99);
        String figure = String.format("p50 %.1f ms, p99 %.1f ms", p50, p99) + unexpected(result, 202);
        return new Row(SEQUENTIAL, figure, "p50 ≤ 3 ms, p99 ≤ 15 ms",
                String.format("p50 %.2f×, p99 %.2f× the goal", p50 / 3, p99 / 15),
                Row.met(p50 <= 3 && p99 <= 15 && result.withStatus(202) == measured),
                String.format("one client, %,d creates after %,d of warm-up; latency from the first byte sent to the "
                        + "last read", measured, warmup));
    }

    static Row concurrent(BenchOptions options, Api api, String db) {
        HttpLoad load = new HttpLoad("127.0.0.1", api.port());
        System.out.println("  warm-up concurrent creates on " + db);
        load.forDuration(CLIENTS, options.warmup(), creates(api, "par-warm-" + db, 7, 7), false);
        double sum = 0;
        StringBuilder rounds = new StringBuilder();
        HttpLoad.Result last = null;
        for (int i = 0; i < options.rounds(); i++) {
            last = load.forDuration(CLIENTS, options.round(), creates(api, "par-" + db + "-" + i, 7, 7), false);
            double rate = last.withStatus(202) / last.seconds();
            System.out.printf("  round %d: %,.0f jobs/s %s%n", i + 1, rate, last.statuses());
            sum += rate;
            rounds.append(rounds.length() == 0 ? "" : ", ").append(String.format("%,.0f", rate));
        }
        double rate = sum / options.rounds();
        String name = db.equals("h2") ? "H2" : "PostgreSQL";
        return new Row(CONCURRENT + ", " + name, String.format("%,.0f jobs/s", rate) + unexpected(last, 202),
                "≥ 1,000 jobs/s", String.format("%.2f×", rate / 1000), Row.met(rate >= 1000),
                String.format("%d keep-alive clients, %d rounds of %d s after %d s of warm-up; rounds: %s", CLIENTS,
                        options.rounds(), options.round().toSeconds(), options.warmup().toSeconds(), rounds));
    }

    /** A note of answers other than {@code expected}, which would make a figure mean less. */
    static String unexpected(HttpLoad.Result result, int expected) {
        long all = result.statuses().values().stream().mapToLong(Long::longValue).sum();
        if (all == result.withStatus(expected) && result.errors() == 0) {
            return "";
        }
        return "; answers other than " + expected + ": " + result.statuses() + ", " + result.errors()
                + " failed connections";
    }
}
