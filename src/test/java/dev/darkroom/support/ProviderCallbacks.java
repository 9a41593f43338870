package dev.darkroom.support;

import dev.darkroom.run.WebhookSignature;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Plays a provider calling Darkroom back: posts a body with whatever headers, and returns the status it got. */
public final class ProviderCallbacks {

    private final HttpClient http;

    public ProviderCallbacks(HttpClient http) {
        this.http = http;
    }

    /** Signed as Replicate signs, per Standard Webhooks. */
    public static Map<String, String> standardWebhookHeaders(String secret, String body) {
        String id = "msg_" + UUID.randomUUID().toString().replace("-", "");
        long timestamp = Instant.now().getEpochSecond();
        String signature = WebhookSignature.sign(WebhookSignature.decodeSecret(secret), id, timestamp,
                body.getBytes(StandardCharsets.UTF_8));
        return Map.of("webhook-id", id, "webhook-timestamp", Long.toString(timestamp),
                "webhook-signature", signature);
    }

    public Reply post(String path, String body, Map<String, String> headers) {
        MutableHttpRequest<byte[]> request = HttpRequest.POST(path, body.getBytes(StandardCharsets.UTF_8))
                .contentType(MediaType.APPLICATION_JSON_TYPE);
        headers.forEach(request::header);
        try {
            HttpResponse<Map> response = http.toBlocking().exchange(request, Argument.of(Map.class),
                    Argument.of(Map.class));
            return new Reply(response.code(), response.body());
        } catch (HttpClientResponseException e) {
            return new Reply(e.code(), e.getResponse().getBody(Map.class).orElse(Map.of()));
        }
    }

    /** The status and JSON body of the answer. */
    public record Reply(int status, Map<?, ?> body) {
    }
}
