package dev.darkroom.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Alternating rounds, A B A B: every side is warmed up first, then each measured in turn, so that a drift of the
 * shared machine (another build, a collection) falls on all sides alike instead of on one.
 */
final class Rounds {

    /** One thing to measure: where the load goes, what it sends, and the status that counts as an answer. */
    record Side(String name, HttpLoad load, HttpLoad.Requests requests, int expectedStatus) {
    }

    /** Answers of the expected status per second, per round, and every status seen, of one side. */
    record Figures(List<Double> perSecond, Map<Integer, Long> statuses, long errors) {

        double mean() {
            return perSecond.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        }

        /** Share of the answers that were not of the expected status, or failed. */
        double offShare(int expected) {
            long all = statuses.values().stream().mapToLong(Long::longValue).sum() + errors;
            return all == 0 ? 1 : 1 - (double) statuses.getOrDefault(expected, 0L) / all;
        }

        String rounds() {
            return perSecond.stream().map(v -> String.format("%,.0f", v)).reduce((a, b) -> a + ", " + b).orElse("");
        }
    }

    private Rounds() {
    }

    static Map<String, Figures> alternate(List<Side> sides, int connections, Duration warmup, Duration round,
                                          int rounds) {
        for (Side side : sides) {
            System.out.printf("  warm-up %s%n", side.name());
            side.load().forDuration(connections, warmup, side.requests(), false);
        }
        Map<String, List<Double>> perSecond = new LinkedHashMap<>();
        Map<String, Map<Integer, Long>> statuses = new LinkedHashMap<>();
        Map<String, Long> errors = new LinkedHashMap<>();
        for (int i = 0; i < rounds; i++) {
            for (Side side : sides) {
                HttpLoad.Result result = side.load().forDuration(connections, round, side.requests(), false);
                double rate = result.withStatus(side.expectedStatus()) / result.seconds();
                System.out.printf("  round %d %s: %,.0f/s %s%n", i + 1, side.name(), rate, result.statuses());
                perSecond.computeIfAbsent(side.name(), k -> new ArrayList<>()).add(rate);
                result.statuses().forEach((status, count) -> statuses.computeIfAbsent(side.name(),
                        k -> new LinkedHashMap<>()).merge(status, count, Long::sum));
                errors.merge(side.name(), result.errors(), Long::sum);
            }
        }
        Map<String, Figures> figures = new LinkedHashMap<>();
        for (Side side : sides) {
            figures.put(side.name(), new Figures(perSecond.get(side.name()),
                    statuses.getOrDefault(side.name(), Map.of()), errors.getOrDefault(side.name(), 0L)));
        }
        return figures;
    }
}
