package dev.darkroom.dispatch;

import dev.darkroom.worker.RunRequest;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import jakarta.inject.Singleton;

import java.net.URI;

/** Sends runs to the worker role: the configured URL, or this very process when none is set. */
@Singleton
public class WorkerClient {

    static final String RUNS_PATH = "/internal/runs";

    private final HttpClient http;
    private final URI runsUri;

    public WorkerClient(@Client("/") HttpClient http, DispatchProperties properties) {
        this.http = http;
        String base = properties.workerUrl();
        this.runsUri = base == null || base.isBlank()
                ? URI.create(RUNS_PATH)
                : URI.create(base.replaceAll("/+$", "") + RUNS_PATH);
    }

    /** Returns once the worker has accepted the run; throws with a reason otherwise. */
    public void submit(RunRequest run) {
        HttpResponse<?> response;
        try {
            response = http.toBlocking().exchange(HttpRequest.POST(runsUri, run));
        } catch (HttpClientResponseException e) {
            throw new WorkerUnavailableException("worker answered " + e.getStatus().getCode(), e);
        } catch (RuntimeException e) {
            throw new WorkerUnavailableException("worker unreachable: " + e.getMessage(), e);
        }
        if (response.getStatus().getCode() != 202) {
            throw new WorkerUnavailableException("worker answered " + response.getStatus().getCode(), null);
        }
    }

    public static class WorkerUnavailableException extends RuntimeException {
        public WorkerUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
