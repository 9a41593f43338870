package dev.darkroom.dispatch;

import dev.darkroom.RetryAfter;
import dev.darkroom.job.outbox.DispatchProperties;
import dev.darkroom.run.RunReport;
import dev.darkroom.run.RunRequest;
import dev.darkroom.run.SignedRequests;
import dev.darkroom.run.Workers;
import dev.darkroom.security.OutboundGuard;
import dev.darkroom.security.RunKey;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.http.client.exceptions.ReadTimeoutException;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Talks to the worker role, the configured URL or this very process when none is set: sends runs, and, for
 * recovery and cancel, asks after them. Every request is signed with the run secret.
 */
@Singleton
public class WorkerClient implements Workers {

    static final String RUNS_PATH = "/internal/runs";
    static final int MAX_ADDRESS_LENGTH = 500;

    private final HttpClient http;
    private final JsonMapper json;
    private final SignedRequests signatures;
    private final RunKey key;
    private final OutboundGuard guard;
    private final String base;

    public WorkerClient(@Client("/") HttpClient http, JsonMapper json, SignedRequests signatures, RunKey key,
                        DispatchProperties properties, OutboundGuard guard) {
        this.guard = guard;
        this.http = http;
        this.json = json;
        this.signatures = signatures;
        this.key = key;
        String configured = properties.workerUrl();
        this.base = configured == null || configured.isBlank() ? "" : configured.replaceAll("/+$", "");
    }

    @Override
    public Submission submit(RunRequest run) {
        byte[] body = toJson(run);
        HttpRequest<byte[]> request = signatures.sign(HttpRequest.POST(URI.create(base + RUNS_PATH), body)
                .contentType(MediaType.APPLICATION_JSON_TYPE), "run_" + UUID.randomUUID(), body, key.bytes());
        HttpResponse<Map> response;
        try {
            response = http.toBlocking().exchange(request, Map.class);
        } catch (HttpClientResponseException e) {
            int code = e.getStatus().getCode();
            if (code == 429 || code == 503) {
                return new Submission.Busy(code, RetryAfter.parse(
                        e.getResponse().getHeaders().get(HttpHeaders.RETRY_AFTER), Instant.now()).orElse(null));
            }
            throw new Unavailable("worker answered " + code, e);
        } catch (RuntimeException e) {
            throw new Unavailable(unreachable(e), e);
        }
        if (response.getStatus().getCode() != 202) {
            throw new Unavailable("worker answered " + response.getStatus().getCode(), null);
        }
        return new Submission.Accepted(response.getBody().map(answer -> answer.get("worker")).map(Object::toString)
                .filter(this::reachable).orElse(null));
    }

    /** Says which way the worker could not be reached: refused, timed out, unknown host. */
    private static String unreachable(RuntimeException e) {
        if (e instanceof ReadTimeoutException) {
            return "worker did not answer in time";
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof UnknownHostException) {
                return "worker unreachable: " + cause.getMessage();
            }
        }
        return "worker unreachable: " + e.getMessage();
    }

    /**
     * A worker's own address is used only where the outbound guard allows it, and when it fits where it is kept
     * (dispatches.worker_url); otherwise the configured URL is.
     */
    private boolean reachable(String address) {
        if (address.length() > MAX_ADDRESS_LENGTH) {
            return false;
        }
        try {
            // Absolute only: a relative address would mean this very process.
            guard.check(URI.create(address), java.util.List.of());
            return true;
        } catch (IllegalArgumentException | OutboundGuard.ForbiddenDestinationException e) {
            return false;
        }
    }

    @Override
    public Optional<RunReport> fetchRun(@Nullable String worker, String runId) {
        return get(worker, RUNS_PATH + "/" + runId, RunReport.class);
    }

    @Override
    public Optional<byte[]> fetchImage(@Nullable String worker, String runId, String imageId) {
        return get(worker, RUNS_PATH + "/" + runId + "/images/" + imageId, byte[].class);
    }

    @Override
    public void cancel(@Nullable String worker, String runId) {
        String path = RUNS_PATH + "/" + runId;
        try {
            http.toBlocking().exchange(signBodiless(HttpRequest.DELETE(baseOf(worker) + path), "DELETE", path));
        } catch (RuntimeException e) {
            // The job is canceled either way; events of the run are ignored from now on.
        }
    }

    private String baseOf(@Nullable String worker) {
        return worker == null || worker.isBlank() ? base : worker.replaceAll("/+$", "");
    }

    private <T> Optional<T> get(@Nullable String worker, String path, Class<T> type) {
        try {
            return Optional.ofNullable(http.toBlocking().retrieve(signBodiless(HttpRequest.GET(baseOf(worker) + path),
                    "GET", path), type));
        } catch (HttpClientResponseException e) {
            if (e.getStatus().getCode() == 404) {
                return Optional.empty();
            }
            throw new Unavailable("worker answered " + e.getStatus().getCode(), e);
        } catch (RuntimeException e) {
            throw new Unavailable(unreachable(e), e);
        }
    }

    private <T> MutableHttpRequest<T> signBodiless(MutableHttpRequest<T> request, String method, String path) {
        return signatures.sign(request, "run_" + UUID.randomUUID(), SignedRequests.bodiless(method, path),
                key.bytes());
    }

    private byte[] toJson(RunRequest run) {
        try {
            return json.writeValueAsBytes(run);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
