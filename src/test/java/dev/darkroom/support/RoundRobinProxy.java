package dev.darkroom.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * A load balancer for tests: an HTTP proxy on a free loopback port that hands each request to the next of its
 * backends in turn, and passes a backend that refuses the connection (a node that is down) over for the next one, as
 * a balancer with health checks would. A request cut off mid-way answers 502. Every exchange is recorded: which
 * backend took it, what it answered, and, for small answers, the body, so a test can see what went where.
 */
public final class RoundRobinProxy implements AutoCloseable {

    /** Headers the JDK client sets itself, or that belong to one hop only. */
    private static final Set<String> HOP_HEADERS = Set.of("connection", "content-length", "date", "expect", "from",
            "host", "origin", "referer", "upgrade", "via", "warning", "keep-alive", "transfer-encoding", "te",
            "http2-settings", "proxy-connection");
    private static final int KEPT_ANSWER_BYTES = 2048;

    /**
     * One request as the proxy passed it on. {@code backend} is the index of the backend that answered (-1: none
     * could be reached), {@code status} 502 when the backend's answer was cut off.
     */
    public record Exchange(String method, String path, int backend, int status, String answer, Instant startedAt,
                           Instant endedAt) {
    }

    private final HttpServer server;
    private final ExecutorService threads;
    private final List<URI> backends;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final AtomicInteger next = new AtomicInteger();
    private final Queue<Exchange> exchanges = new ConcurrentLinkedQueue<>();

    private RoundRobinProxy(List<Integer> backendPorts) {
        this.backends = backendPorts.stream().map(port -> URI.create("http://127.0.0.1:" + port)).toList();
        this.threads = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "proxy");
            thread.setDaemon(true);
            return thread;
        });
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    /** A proxy in front of the servers on these loopback ports, in this order. */
    public static RoundRobinProxy start(Integer... backendPorts) {
        return new RoundRobinProxy(List.of(backendPorts));
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Every exchange so far, in the order their answers came. */
    public List<Exchange> exchanges() {
        return List.copyOf(exchanges);
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        Instant started = Instant.now();
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().toString();
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        int first = Math.floorMod(next.getAndIncrement(), backends.size());
        List<Integer> order = IntStream.range(0, backends.size()).map(i -> (first + i) % backends.size()).boxed()
                .toList();
        for (int backend : order) {
            HttpResponse<byte[]> answer;
            try {
                answer = http.send(forward(exchange, backends.get(backend).resolve(path), method, body),
                        HttpResponse.BodyHandlers.ofByteArray());
            } catch (ConnectException refused) {
                continue;
            } catch (IOException cutOff) {
                exchanges.add(new Exchange(method, path, backend, 502, "", started, Instant.now()));
                reply(exchange, 502, new byte[0], null);
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exchange.close();
                return;
            }
            String kept = answer.body().length <= KEPT_ANSWER_BYTES
                    ? new String(answer.body(), StandardCharsets.UTF_8) : "";
            // Recorded before the caller has the answer, so whatever the caller does next finds it here.
            exchanges.add(new Exchange(method, path, backend, answer.statusCode(), kept, started, Instant.now()));
            reply(exchange, answer.statusCode(), answer.body(), answer);
            return;
        }
        exchanges.add(new Exchange(method, path, -1, 503, "", started, Instant.now()));
        reply(exchange, 503, new byte[0], null);
    }

    private static HttpRequest forward(HttpExchange exchange, URI target, String method, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(30))
                .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!HOP_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> request.header(name, value));
            }
        });
        return request.build();
    }

    private static void reply(HttpExchange exchange, int status, byte[] body, HttpResponse<byte[]> answer)
            throws IOException {
        if (answer != null) {
            answer.headers().map().forEach((name, values) -> {
                if (!HOP_HEADERS.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
        }
        boolean empty = body.length == 0 || status == 204 || status == 304;
        exchange.sendResponseHeaders(status, empty ? -1 : body.length);
        if (!empty) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
        exchange.close();
    }
}
