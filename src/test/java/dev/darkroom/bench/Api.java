package dev.darkroom.bench;

import dev.darkroom.security.Scopes;
import dev.darkroom.security.TokenMinter;
import dev.darkroom.support.Cases;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The harness's own calls to a node, outside any measured load: create a case, read a job, wait for it to end.
 * Bearer tokens are minted with the node's JWT secret, as the {@code token} command of the jar would mint them.
 */
final class Api {

    static final JsonMapper JSON = JsonMapper.createDefault();
    static final Set<String> TERMINAL = Set.of("completed", "partial", "failed", "canceled");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final int port;
    private final String token = token();

    Api(int port) {
        this.port = port;
    }

    static String token() {
        return TokenMinter.mint(Nodes.JWT_SECRET.getBytes(StandardCharsets.UTF_8), "bench",
                List.of(Scopes.JOBS_WRITE, Scopes.JOBS_READ), Duration.ofHours(2), Instant.now());
    }

    String bearer() {
        return "Bearer " + token;
    }

    int port() {
        return port;
    }

    /** A case of {@code evidence} items ev-1.. and {@code locations} items loc-1.., as JSON. */
    static byte[] caseBody(int evidence, int locations) {
        return write(Cases.body(evidence, locations));
    }

    /** Creates a job for the case and returns its id. */
    String create(String caseId, int evidence, int locations) {
        HttpResponse<byte[]> answer = send(HttpRequest.newBuilder(uri("/v1/cases/" + caseId + "/image-jobs"))
                .header("Authorization", bearer()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(caseBody(evidence, locations))));
        if (answer.statusCode() != 202) {
            throw new IllegalStateException("create of " + caseId + " answered " + answer.statusCode() + ": "
                    + new String(answer.body(), StandardCharsets.UTF_8));
        }
        return (String) read(answer.body()).get("jobId");
    }

    Map<String, Object> job(String jobId) {
        HttpResponse<byte[]> answer = get("/v1/jobs/" + jobId);
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("job " + jobId + " answered " + answer.statusCode());
        }
        return read(answer.body());
    }

    HttpResponse<byte[]> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", bearer()).GET());
    }

    /** The ETag header of a 200 answer to {@code path}, if it carries one. */
    Optional<String> etag(String path) {
        return get(path).headers().firstValue("ETag");
    }

    /** Waits until the job has ended and returns its view. */
    Map<String, Object> awaitTerminal(String jobId, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Map<String, Object> view = job(jobId);
            if (TERMINAL.contains(view.get("status"))) {
                return view;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("job " + jobId + " still " + view.get("status") + " after " + timeout);
            }
            Pause.of(Duration.ofMillis(100));
        }
    }

    /** Jobs per status, from the operator statistics. */
    @SuppressWarnings("unchecked")
    Map<String, Number> jobsByStatus() {
        return (Map<String, Number>) read(get("/v1/ops/stats").body()).get("jobs");
    }

    long terminalJobs() {
        return jobsByStatus().entrySet().stream().filter(e -> TERMINAL.contains(e.getKey()))
                .mapToLong(e -> e.getValue().longValue()).sum();
    }

    /** Waits until {@code count} jobs of the node have ended, and returns when they had. */
    void awaitTerminalJobs(long count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (terminalJobs() < count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + terminalJobs() + " of " + count + " jobs ended within "
                        + timeout + ": " + jobsByStatus());
            }
            Pause.of(Duration.ofMillis(250));
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> read(byte[] json) {
        try {
            return JSON.readValue(json, Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] write(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An instant of a job view. */
    static Instant instant(Map<String, Object> view, String field) {
        Object value = view.get(field);
        if (value == null) {
            throw new IllegalStateException("job " + view.get("jobId") + " has no " + field);
        }
        return Instant.parse(value.toString());
    }
}
