package dev.darkroom.support;

import dev.darkroom.run.ImageOutcome;
import dev.darkroom.run.RunEvent;
import dev.darkroom.run.WebhookEvent;
import dev.darkroom.run.WebhookSignature;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Plays the worker: builds events and posts them to the receiver, signed as the Standard Webhooks spec says. */
public final class SignedWebhooks {

    public static final String PATH = "/v1/webhooks/worker";

    private final HttpClient http;
    private final JsonMapper json;
    private final String secret;

    public SignedWebhooks(HttpClient http, JsonMapper json, String secret) {
        this.http = http;
        this.json = json;
        this.secret = secret;
    }

    public static WebhookEvent runStarted(String jobId, String runId) {
        return WebhookEvent.of(new RunEvent.Started(jobId, runId), Instant.now());
    }

    public static WebhookEvent imageSucceeded(String jobId, String runId, String imageId, byte[] jpeg) {
        return WebhookEvent.of(new ImageOutcome.Succeeded(jobId, runId, 1, imageId, "image/jpeg", 512, 512,
                dev.darkroom.Sha256.hex(jpeg), Base64.getEncoder().encodeToString(jpeg), null, null), Instant.now());
    }

    public static WebhookEvent imageFailed(String jobId, String runId, String imageId, String code) {
        return WebhookEvent.of(new ImageOutcome.Failed(jobId, runId, 1, imageId,
                new ImageOutcome.Error(code, "refused: " + code, false)), Instant.now());
    }

    public static WebhookEvent runFinished(String jobId, String runId, List<String> succeeded,
                                           Map<String, String> failedWithCodes) {
        List<RunEvent.Finished.Failure> failed = failedWithCodes.entrySet().stream()
                .map(e -> new RunEvent.Finished.Failure(e.getKey(),
                        new ImageOutcome.Error(e.getValue(), "refused: " + e.getValue(), false)))
                .toList();
        return WebhookEvent.of(new RunEvent.Finished(jobId, runId, succeeded, failed), Instant.now());
    }

    public byte[] bytes(WebhookEvent event) {
        try {
            return json.writeValueAsBytes(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Posts with a fresh webhook-id. */
    public HttpResponse<Map> send(WebhookEvent event) {
        return send("msg_" + UUID.randomUUID(), event);
    }

    public HttpResponse<Map> send(String webhookId, WebhookEvent event) {
        return sendRaw(webhookId, Instant.now().getEpochSecond(), bytes(event), secret);
    }

    public HttpResponse<Map> sendRaw(String webhookId, long timestamp, byte[] body, String signingSecret) {
        String signature = WebhookSignature.sign(WebhookSignature.decodeSecret(signingSecret), webhookId, timestamp,
                body);
        return http.toBlocking().exchange(unsigned(body)
                .header("webhook-id", webhookId)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", signature), Argument.of(Map.class), Argument.of(Map.class));
    }

    public MutableHttpRequest<byte[]> unsigned(byte[] body) {
        return HttpRequest.POST(PATH, body).contentType(MediaType.APPLICATION_JSON_TYPE);
    }
}
