package dev.darkroom.dispatch;

import dev.darkroom.security.RunKey;
import dev.darkroom.webhook.SignedRequests;
import dev.darkroom.worker.RunRequest;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.UUID;

/** Sends signed runs to the worker role: the configured URL, or this very process when none is set. */
@Singleton
public class WorkerClient {

    static final String RUNS_PATH = "/internal/runs";

    private final HttpClient http;
    private final JsonMapper json;
    private final SignedRequests signatures;
    private final RunKey key;
    private final URI runsUri;

    public WorkerClient(@Client("/") HttpClient http, JsonMapper json, SignedRequests signatures, RunKey key,
                        DispatchProperties properties) {
        this.http = http;
        this.json = json;
        this.signatures = signatures;
        this.key = key;
        String base = properties.workerUrl();
        this.runsUri = base == null || base.isBlank()
                ? URI.create(RUNS_PATH)
                : URI.create(base.replaceAll("/+$", "") + RUNS_PATH);
    }

    /** Returns once the worker has accepted the run; throws with a reason otherwise. */
    public void submit(RunRequest run) {
        byte[] body = toJson(run);
        HttpRequest<byte[]> request = signatures.sign(HttpRequest.POST(runsUri, body)
                .contentType(MediaType.APPLICATION_JSON_TYPE), "run_" + UUID.randomUUID(), body, key.bytes());
        HttpResponse<?> response;
        try {
            response = http.toBlocking().exchange(request);
        } catch (HttpClientResponseException e) {
            throw new WorkerUnavailableException("worker answered " + e.getStatus().getCode(), e);
        } catch (RuntimeException e) {
            throw new WorkerUnavailableException("worker unreachable: " + e.getMessage(), e);
        }
        if (response.getStatus().getCode() != 202) {
            throw new WorkerUnavailableException("worker answered " + response.getStatus().getCode(), null);
        }
    }

    private byte[] toJson(RunRequest run) {
        try {
            return json.writeValueAsBytes(run);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static class WorkerUnavailableException extends RuntimeException {
        public WorkerUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
