package dev.darkroom.stream;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/** Reads a Server-Sent Events stream line by line over real HTTP, as a browser's EventSource would. */
final class SseClient {

    record Sse(long id, String name, String data) {
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final List<Sse> events = new CopyOnWriteArrayList<>();
    final List<String> comments = new CopyOnWriteArrayList<>();
    final List<String> retries = new CopyOnWriteArrayList<>();
    final List<String> lines = new CopyOnWriteArrayList<>();
    volatile int status;
    volatile String contentType;
    volatile boolean closed;
    private final CompletableFuture<HttpResponse<Stream<String>>> response;

    private SseClient(URI uri, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET().header("Accept", "text/event-stream");
        headers.forEach(request::header);
        response = HTTP.sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines());
        response.thenAcceptAsync(this::read);
    }

    static SseClient open(String baseUrl, String path, Map<String, String> headers) {
        return new SseClient(URI.create(baseUrl + path), headers);
    }

    List<String> names() {
        return events.stream().map(Sse::name).toList();
    }

    List<Long> ids() {
        return events.stream().map(Sse::id).toList();
    }

    void close() {
        response.thenAccept(answer -> answer.body().close());
        response.cancel(true);
    }

    private void read(HttpResponse<Stream<String>> answer) {
        status = answer.statusCode();
        contentType = answer.headers().firstValue("content-type").orElse("");
        List<String> block = new ArrayList<>();
        try (Stream<String> lines = answer.body()) {
            lines.forEach(line -> {
                this.lines.add(line);
                if (line.isEmpty()) {
                    dispatch(block);
                    block.clear();
                } else {
                    block.add(line);
                }
            });
        } catch (RuntimeException e) {
            // A connection cut by the test itself ends the reading too.
        } finally {
            closed = true;
        }
    }

    private void dispatch(List<String> block) {
        Long id = null;
        String name = "message";
        StringBuilder data = null;
        for (String line : block) {
            if (line.startsWith(":")) {
                comments.add(line.substring(1).trim());
            } else if (line.startsWith("id:")) {
                id = Long.parseLong(line.substring(3).trim());
            } else if (line.startsWith("event:")) {
                name = line.substring(6).trim();
            } else if (line.startsWith("retry:")) {
                retries.add(line.substring(6).trim());
            } else if (line.startsWith("data:")) {
                String part = line.substring(5).startsWith(" ") ? line.substring(6) : line.substring(5);
                data = data == null ? new StringBuilder(part) : data.append('\n').append(part);
            }
        }
        if (id != null) {
            events.add(new Sse(id, name, data == null ? "" : data.toString()));
        }
    }
}
