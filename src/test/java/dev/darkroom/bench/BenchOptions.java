package dev.darkroom.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a run measures and how long, from system properties: {@code bench.db} (h2 or postgres), {@code bench.scenarios}
 * (all, or a comma-separated subset of {@link #SCENARIOS}), {@code bench.quick} (short rounds while developing).
 */
record BenchOptions(String db, Set<String> scenarios, boolean quick, Path jar, Path ceilingClasses,
                    Path ceilingClasspath, Path out) {

    static final List<String> SCENARIOS = List.of("poll", "create", "create-concurrent", "ingest", "fixed-latency",
            "variable-latency", "flood", "throughput", "streams", "cluster-create");

    static BenchOptions fromSystemProperties() {
        String db = System.getProperty("bench.db", "h2").trim().toLowerCase();
        if (!db.equals("h2") && !db.equals("postgres")) {
            throw new IllegalArgumentException("bench.db is h2 or postgres, not " + db);
        }
        String wanted = System.getProperty("bench.scenarios", "all").trim();
        Set<String> scenarios = new LinkedHashSet<>();
        if (wanted.isEmpty() || wanted.equals("all")) {
            scenarios.addAll(SCENARIOS);
        } else {
            Arrays.stream(wanted.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(s -> {
                if (!SCENARIOS.contains(s)) {
                    throw new IllegalArgumentException("unknown scenario " + s + "; known: " + SCENARIOS);
                }
                scenarios.add(s);
            });
        }
        return new BenchOptions(db, scenarios, Boolean.getBoolean("bench.quick"),
                Path.of(required("bench.jar")), Path.of(required("bench.ceiling.classes")),
                Path.of(required("bench.ceiling.classpath")), Path.of(System.getProperty("bench.out", "target/bench")));
    }

    /** A full run writes docs/benchmarks.md; a quick one or a subset only target/bench, so as not to mislead. */
    boolean complete() {
        return !quick && scenarios.containsAll(SCENARIOS);
    }

    boolean runs(String scenario) {
        return scenarios.contains(scenario);
    }

    Duration warmup() {
        return quick ? Duration.ofSeconds(2) : Duration.ofSeconds(10);
    }

    Duration round() {
        return quick ? Duration.ofSeconds(3) : Duration.ofSeconds(10);
    }

    /** Measured A B A B rounds of each side. */
    int rounds() {
        return 2;
    }

    /** How the run was asked for, as the page shows it. */
    String command() {
        StringBuilder command = new StringBuilder("mvn -B -Pbench verify");
        if (!db.equals("h2")) {
            command.append(" -Dbench.db=").append(db);
        }
        if (!scenarios.containsAll(SCENARIOS)) {
            command.append(" -Dbench.scenarios=").append(String.join(",", scenarios));
        }
        if (quick) {
            command.append(" -Dbench.quick=true");
        }
        return command.toString();
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("system property " + property
                    + " is not set (the bench profile sets it)");
        }
        return value;
    }
}
