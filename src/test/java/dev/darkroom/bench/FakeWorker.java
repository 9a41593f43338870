package dev.darkroom.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.darkroom.run.RunRequest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The harness as the worker, at the wire: a node's dispatcher sends its runs here, this accepts each one (202) and
 * keeps it, and the harness then sends the node the events a worker would. Nothing is rendered, so the node's
 * receiver and status are measured alone.
 */
final class FakeWorker implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private final Map<String, RunRequest> runsByJob = new ConcurrentHashMap<>();
    /** When each job's run came, on this JVM's {@link System#nanoTime()}. */
    private final Map<String, Long> arrivalsByJob = new ConcurrentHashMap<>();

    static {
        // The JDK's server writes an answer's head and body apart; without TCP_NODELAY the body waits for the
        // client's delayed ACK (about 40 ms), and a dispatcher that sends runs one after another then sends about
        // 25 a second, whatever Darkroom does. Read once, when the server's configuration is first loaded.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    FakeWorker() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/internal/runs", this::accept);
        server.setExecutor(threads);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void accept(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            long arrived = System.nanoTime();
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            RunRequest run = Api.JSON.readValue(body, RunRequest.class);
            runsByJob.put(run.jobId(), run);
            arrivalsByJob.putIfAbsent(run.jobId(), arrived);
            byte[] answer = ("{\"runId\":\"" + run.runId() + "\",\"started\":true}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(202, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        }
    }

    /** The run the node sent for the job, once it has. */
    RunRequest awaitRun(String jobId, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!runsByJob.containsKey(jobId)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no run for job " + jobId + " reached the worker within " + timeout);
            }
            Pause.of(Duration.ofMillis(20));
        }
        return runsByJob.get(jobId);
    }

    /** When the job's run came, on {@link System#nanoTime()}, once it has; it may come before its create answers. */
    long awaitArrival(String jobId, Duration timeout) {
        awaitRun(jobId, timeout);
        return arrivalsByJob.get(jobId);
    }

    /** Runs received so far, of any job. */
    int received() {
        return runsByJob.size();
    }

    /** The runs of every case whose id starts with {@code casePrefix}, once {@code count} of them have come. */
    List<RunRequest> awaitRuns(String casePrefix, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<RunRequest> runs = runsByJob.values().stream()
                    .filter(run -> run.caseId() != null && run.caseId().startsWith(casePrefix)).toList();
            if (runs.size() >= count) {
                return runs;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + runs.size() + " of " + count + " runs reached the worker "
                        + "within " + timeout);
            }
            Pause.of(Duration.ofMillis(100));
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
