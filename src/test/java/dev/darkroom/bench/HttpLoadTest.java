package dev.darkroom.bench;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

class HttpLoadTest {

    private HttpServer server;
    private final Set<Object> connections = ConcurrentHashMap.newKeySet();

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/fixed", exchange -> {
            connections.add(exchange.getRemoteAddress());
            byte[] body = "{\"status\":\"completed\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.createContext("/chunked", exchange -> {
            exchange.sendResponseHeaders(200, 0); // 0: chunked
            try (OutputStream out = exchange.getResponseBody()) {
                out.write("first part ".getBytes(StandardCharsets.UTF_8));
                out.flush();
                out.write("second part".getBytes(StandardCharsets.UTF_8));
            }
        });
        server.createContext("/unchanged", exchange -> {
            exchange.sendResponseHeaders(304, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        ((ExecutorService) server.getExecutor()).shutdownNow();
    }

    private HttpLoad load() {
        return new HttpLoad("127.0.0.1", server.getAddress().getPort());
    }

    private HttpLoad.Requests get(String path) {
        byte[] request = HttpLoad.get("127.0.0.1", path, Map.of("Authorization", "Bearer t"));
        return (out, connection, sequence) -> out.write(request);
    }

    @Test
    void everyRequestOfEveryConnectionIsAnsweredAndTimed() {
        HttpLoad.Result result = load().forCount(3, 20, get("/fixed"));

        assertThat(result.answers()).isEqualTo(60);
        assertThat(result.statuses()).containsExactly(Map.entry(200, 60L));
        assertThat(result.errors()).isZero();
        assertThat(result.latencyNanos()).hasSize(60);
        assertThat(result.latencyNanos()[0]).isPositive();
    }

    @Test
    void connectionsAreKeptAliveAcrossRequests() {
        load().forCount(2, 25, get("/fixed"));

        assertThat(connections).hasSize(2);
    }

    @Test
    void chunkedAnswersAndAnswersWithoutABodyAreReadToTheirEnd() {
        assertThat(load().forCount(1, 10, get("/chunked")).statuses()).containsExactly(Map.entry(200, 10L));
        assertThat(load().forCount(1, 10, get("/unchanged")).statuses()).containsExactly(Map.entry(304, 10L));
    }

    @Test
    void percentilesComeFromTheSortedLatencies() {
        HttpLoad.Result result = new HttpLoad.Result(4, 0, 1, Map.of(200, 4L),
                new long[] {1_000_000, 2_000_000, 3_000_000, 40_000_000});
        assertThat(result.percentileMillis(50)).isEqualTo(2.0);
        assertThat(result.percentileMillis(99)).isEqualTo(40.0);
    }
}
