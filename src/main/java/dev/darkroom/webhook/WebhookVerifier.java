package dev.darkroom.webhook;

import dev.darkroom.problem.ProblemException;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Checks the Standard Webhooks headers over the raw body bytes, before anything of the body is parsed. */
@Singleton
public class WebhookVerifier {

    private final WebhookKeys keys;
    private final Duration tolerance;
    private final Clock clock;

    public WebhookVerifier(WebhookKeys keys, WebhookProperties properties, Clock clock) {
        this.keys = keys;
        this.tolerance = properties.tolerance();
        this.clock = clock;
    }

    /** Returns the webhook-id of a genuine, fresh webhook; otherwise throws a 401 problem. */
    public String verify(HttpHeaders headers, byte[] body) {
        return verify(headers, body, keys.verificationKeys());
    }

    /** The same check with other keys: a provider that signs its callbacks per Standard Webhooks (Replicate). */
    public String verify(HttpHeaders headers, byte[] body, List<byte[]> verificationKeys) {
        String id = headers.get("webhook-id");
        String timestamp = headers.get("webhook-timestamp");
        String signature = headers.get("webhook-signature");
        if (id == null || timestamp == null || signature == null) {
            throw unauthorized("webhook-id, webhook-timestamp and webhook-signature are required");
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            throw unauthorized("webhook-timestamp must be seconds since the epoch");
        }
        Duration skew = Duration.between(Instant.ofEpochSecond(seconds), clock.instant()).abs();
        if (skew.compareTo(tolerance) > 0) {
            throw unauthorized("webhook-timestamp is outside the allowed window");
        }
        for (byte[] key : verificationKeys) {
            if (WebhookSignature.matches(key, id, seconds, body, signature)) {
                return id;
            }
        }
        throw unauthorized("webhook-signature does not match");
    }

    private static ProblemException unauthorized(String detail) {
        return new ProblemException(HttpStatus.UNAUTHORIZED, "unauthorized", detail);
    }
}
