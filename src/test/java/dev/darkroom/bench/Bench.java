package dev.darkroom.bench;

import dev.darkroom.support.DarkroomProcess;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The benchmark harness: starts Darkroom from its packaged jar (and the ceiling, and PostgreSQL when asked), drives
 * every scenario of the page, and writes the figures to docs/benchmarks.md. Run it through the bench profile:
 * {@code mvn -B -Pbench verify}. A goal missed is a figure on the page, never a failed build.
 */
public final class Bench {

    private static final Path PAGE = Path.of("docs", "benchmarks.md");
    private static final List<String> ORDER = List.of(PollScenarios.POLL, PollScenarios.NOT_MODIFIED,
            CreateScenarios.SEQUENTIAL, CreateScenarios.CONCURRENT, IngestScenario.NAME, LatencyScenarios.FIXED,
            LatencyScenarios.VARIABLE, FloodScenario.NAME, ThroughputScenario.NAME, StreamScenario.NAME,
            ClusterScenario.NAME);
    /** What each scenario aims at, for the line of one that could not be measured. */
    private static final Map<String, String> GOALS = Map.of(
            PollScenarios.POLL, "≥ 0.5× the bare endpoint",
            CreateScenarios.SEQUENTIAL, "p50 ≤ 3 ms, p99 ≤ 15 ms",
            CreateScenarios.CONCURRENT, "≥ 1,000 jobs/s",
            IngestScenario.NAME, "≥ 1,000 events/s",
            LatencyScenarios.FIXED, "≤ 1.03 × 3L",
            LatencyScenarios.VARIABLE, "≥ 20% faster than lock-step batches of 5",
            FloodScenario.NAME, "all terminal, none failed, heap ≤ 512 MiB, create p99 ≤ 50 ms, total ≤ 1.2 × bound",
            ThroughputScenario.NAME, "images/s end to end, and the share of CPU spent rendering vs orchestrating",
            StreamScenario.NAME, StreamScenario.GOAL,
            ClusterScenario.NAME, ClusterScenario.GOAL);
    private static final Set<String> ON_API_NODE = Set.of("poll", "create", "create-concurrent", "ingest");

    private final BenchOptions options;
    private final Nodes nodes;
    private final FakeWorker worker;
    private final SignedEvents events = new SignedEvents();
    private final List<Row> rows = new ArrayList<>();

    private Bench(BenchOptions options, Nodes nodes, FakeWorker worker) {
        this.options = options;
        this.nodes = nodes;
        this.worker = worker;
    }

    public static void main(String[] args) {
        BenchOptions options = BenchOptions.fromSystemProperties();
        Instant began = Instant.now();
        System.out.printf("Benchmarks: %s on %s%s%n", options.scenarios(), options.db(),
                options.quick() ? " (quick)" : "");
        List<Row> rows;
        try (Nodes nodes = new Nodes(options); FakeWorker worker = new FakeWorker()) {
            Bench bench = new Bench(options, nodes, worker);
            bench.run();
            rows = bench.rows;
        }
        rows.sort(Comparator.comparingInt(Bench::rank));
        Duration took = Duration.between(began, Instant.now());
        String results = Report.results(options, began, took, rows, List.of());
        Path page = options.complete() ? PAGE : options.out().resolve("benchmarks.md");
        if (!options.complete() && !Files.exists(page)) {
            copyPage(page);
        }
        Report.write(page, results);
        System.out.printf("%n%s%nWritten to %s in %d min %d s%n", results, page, took.toMinutes(),
                took.toSecondsPart());
    }

    /** Rows in the order of the goals they answer, whatever order the scenarios ran in. */
    private static int rank(Row row) {
        for (int i = 0; i < ORDER.size(); i++) {
            if (row.scenario().startsWith(ORDER.get(i))) {
                return i;
            }
        }
        return ORDER.size();
    }

    private void run() {
        if (ON_API_NODE.stream().anyMatch(options::runs)) {
            apiNodeScenarios();
        }
        if (options.runs("fixed-latency")) {
            onNode("latency-fixed", Map.of("darkroom.local-generator.latency",
                    LatencyScenarios.fixedLatency().toMillis() + "ms"), LatencyScenarios.FIXED,
                    api -> LatencyScenarios.fixed(options, api));
        }
        if (options.runs("variable-latency")) {
            onNode("latency-variable", Map.of(
                    "darkroom.local-generator.latency", LatencyScenarios.VARIABLE_BASE.toMillis() + "ms",
                    "darkroom.local-generator.latency-jitter", LatencyScenarios.VARIABLE_JITTER.toMillis() + "ms"),
                    LatencyScenarios.VARIABLE, api -> LatencyScenarios.variable(options, api));
        }
        if (options.runs("flood")) {
            flood();
        }
        if (options.runs("throughput")) {
            throughput();
        }
        if (options.runs("streams")) {
            streams();
        }
        if (options.runs("cluster-create")) {
            cluster();
        }
    }

    /**
     * Always on PostgreSQL, the database a cluster shares: a dispatcher node that takes no create, and two API nodes
     * that send nothing themselves; the harness is the worker.
     */
    private void cluster() {
        System.out.println(ClusterScenario.NAME);
        List<DarkroomProcess> started = new ArrayList<>();
        try {
            Map<String, String> dispatcher = apiNode("cluster-dispatcher", "postgres");
            List<Api> apis = new ArrayList<>();
            started.add(nodes.darkroom("cluster-dispatcher", dispatcher, List.of()));
            for (String name : List.of("cluster-api-1", "cluster-api-2")) {
                Map<String, String> api = nodes.sharing(name, dispatcher);
                api.put("darkroom.roles.worker", "false");
                api.put("darkroom.roles.recovery", "false");
                api.put("darkroom.dispatch.worker-url", worker.url());
                api.put("darkroom.dispatch.enabled", "false");
                DarkroomProcess node = nodes.darkroom(name, api, List.of());
                started.add(node);
                apis.add(new Api(node.uri("/").getPort()));
            }
            List<Row> measured = ClusterScenario.run(options, apis.get(0), apis.get(1), worker);
            measured.forEach(row -> System.out.println("  " + row.figure()));
            rows.addAll(measured);
        } catch (RuntimeException | AssertionError e) {
            rows.add(failed(ClusterScenario.NAME, e));
        } finally {
            started.forEach(nodes::stop);
        }
    }

    /** The harness is the worker, as for the ingest; the node records its heap while the streams are open. */
    private void streams() {
        System.out.println(StreamScenario.NAME);
        Path recording = options.out().resolve("streams.jfr");
        DarkroomProcess node = null;
        try {
            List<String> jvm = new ArrayList<>(StreamScenario.HEAP);
            jvm.addAll(Flight.recordingTo(recording.toAbsolutePath()));
            node = nodes.darkroom("streams", apiNode("streams", options.db()), jvm);
            StreamScenario.Outcome outcome = StreamScenario.load(options, new Api(node.uri("/").getPort()), worker,
                    events);
            nodes.stop(node);
            node = null;
            rows.add(StreamScenario.row(outcome, recording));
        } catch (RuntimeException | AssertionError e) {
            rows.add(failed(StreamScenario.NAME, e));
        } finally {
            if (node != null) {
                nodes.stop(node);
            }
        }
    }

    /** Poll, creates and ingest share one node without the worker role: the harness is its worker. */
    private void apiNodeScenarios() {
        DarkroomProcess node = nodes.darkroom("api-" + options.db(), apiNode("api-" + options.db(), options.db()),
                List.of());
        Api api = new Api(node.uri("/").getPort());
        if (options.runs("poll")) {
            System.out.println("poll");
            CeilingProcess ceiling = nodes.ceiling();
            try {
                rows.addAll(PollScenarios.run(options, api, worker, events, ceiling.port()));
            } catch (RuntimeException e) {
                rows.add(failed(PollScenarios.POLL, e));
            } finally {
                ceiling.close();
            }
        }
        // Before the creates: every job created is a run for the dispatcher to send, and the ingest's runs would
        // wait behind thousands of them.
        measure("ingest", IngestScenario.NAME, () -> IngestScenario.run(options, api, worker, events));
        measure("create", CreateScenarios.SEQUENTIAL, () -> CreateScenarios.sequential(options, api));
        measure("create-concurrent", CreateScenarios.CONCURRENT, () -> CreateScenarios.concurrent(options, api,
                options.db()));
        nodes.stop(node);
        if (options.runs("create-concurrent")) {
            String other = options.db().equals("h2") ? "postgres" : "h2";
            onNode("api-" + other, apiNode("api-" + other, other), CreateScenarios.CONCURRENT,
                    otherApi -> CreateScenarios.concurrent(options, otherApi, other), true);
        }
    }

    private Map<String, String> apiNode(String name, String db) {
        Map<String, String> properties = nodes.base(name, db);
        properties.put("darkroom.roles.worker", "false");
        // The harness accepts runs and never starts most of them; recovery would re-send each after its start
        // deadline, in the middle of a later scenario.
        properties.put("darkroom.roles.recovery", "false");
        properties.put("darkroom.dispatch.worker-url", worker.url());
        return properties;
    }

    private void onNode(String name, Map<String, String> settings, String scenario,
                        Function<Api, Row> measurement) {
        Map<String, String> properties = nodes.base(name, options.db());
        properties.putAll(settings);
        onNode(name, properties, scenario, measurement, true);
    }

    private void onNode(String name, Map<String, String> properties, String scenario,
                        Function<Api, Row> measurement, boolean stop) {
        System.out.println(scenario);
        DarkroomProcess node = null;
        try {
            node = nodes.darkroom(name, properties, List.of());
            Row row = measurement.apply(new Api(node.uri("/").getPort()));
            System.out.println("  " + row.figure());
            rows.add(row);
        } catch (RuntimeException | AssertionError e) {
            rows.add(failed(scenario, e));
        } finally {
            if (node != null && stop) {
                nodes.stop(node);
            }
        }
    }

    private void flood() {
        System.out.println(FloodScenario.NAME);
        Path recording = options.out().resolve("flood.jfr");
        Map<String, String> properties = nodes.base("flood", options.db());
        properties.putAll(FloodScenario.settings(options));
        DarkroomProcess node = null;
        try {
            node = nodes.darkroom("flood", properties, Flight.recordingTo(recording.toAbsolutePath()));
            FloodScenario.Outcome outcome = FloodScenario.load(options, new Api(node.uri("/").getPort()));
            boolean outOfMemory = node.logContains("OutOfMemoryError");
            nodes.stop(node);
            node = null;
            rows.add(FloodScenario.row(options, outcome, recording, outOfMemory));
        } catch (RuntimeException | AssertionError e) {
            rows.add(failed(FloodScenario.NAME, e));
        } finally {
            if (node != null) {
                nodes.stop(node);
            }
        }
    }

    private void throughput() {
        System.out.println(ThroughputScenario.NAME);
        Path recording = options.out().resolve("throughput.jfr");
        DarkroomProcess node = null;
        try {
            node = nodes.darkroom("throughput", nodes.base("throughput", options.db()),
                    Flight.recordingTo(recording.toAbsolutePath()));
            ThroughputScenario.Outcome outcome = ThroughputScenario.load(options, new Api(node.uri("/").getPort()));
            nodes.stop(node);
            node = null;
            rows.add(ThroughputScenario.row(options, outcome, recording));
        } catch (RuntimeException | AssertionError e) {
            rows.add(failed(ThroughputScenario.NAME, e));
        } finally {
            if (node != null) {
                nodes.stop(node);
            }
        }
    }

    private void measure(String scenario, String name, Supplier<Row> measurement) {
        if (!options.runs(scenario)) {
            return;
        }
        System.out.println(name);
        try {
            Row row = measurement.get();
            System.out.println("  " + row.figure());
            rows.add(row);
        } catch (RuntimeException e) {
            rows.add(failed(name, e));
        }
    }

    private static Row failed(String scenario, Throwable e) {
        return Row.failed(scenario, GOALS.getOrDefault(scenario, ""), reason(e));
    }

    private static String reason(Throwable e) {
        e.printStackTrace();
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.lines().findFirst().orElse(message);
    }

    /** A partial run's page starts from the real page, so that it reads the same. */
    private static void copyPage(Path target) {
        try {
            Files.createDirectories(target.getParent());
            if (Files.exists(PAGE)) {
                Files.writeString(target, Files.readString(PAGE, StandardCharsets.UTF_8), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
