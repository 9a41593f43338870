package dev.darkroom.security;

import dev.darkroom.support.SignedWebhooks;
import io.micronaut.context.annotation.Property;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Rotating the webhook secret: while receivers accept old and new, no webhook is refused. */
@MicronautTest(transactional = false)
@Property(name = "darkroom.webhook.secret", value = WebhookRotationTest.NEW)
@Property(name = "darkroom.webhook.accepted-secrets", value = WebhookRotationTest.OLD)
class WebhookRotationTest {

    static final String OLD = "whsec_b2xkIHNlY3JldCBvbGQgc2VjcmV0IG9sZCBzZWNyZXQgb2xkIQ==";
    static final String NEW = "whsec_bmV3IHNlY3JldCBuZXcgc2VjcmV0IG5ldyBzZWNyZXQgbmV3IQ==";
    static final String UNKNOWN = "whsec_dW5rbm93biBzZWNyZXQgdW5rbm93biBzZWNyZXQgdW5rbm93bg==";

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    JsonMapper json;

    @Test
    void webhooksSignedWithTheOldOrTheNewSecretAreAcceptedAndNoOther() {
        assertThat(statusWhenSignedWith(OLD)).as("old secret").isEqualTo(404);
        assertThat(statusWhenSignedWith(NEW)).as("new secret").isEqualTo(404);
        assertThat(statusWhenSignedWith(UNKNOWN)).as("unknown secret").isEqualTo(401);
    }

    /** The job is unknown: 404 means the signature passed, 401 that it did not. */
    private int statusWhenSignedWith(String secret) {
        SignedWebhooks webhooks = new SignedWebhooks(http, json, secret);
        byte[] body = webhooks.bytes(SignedWebhooks.runStarted(UUID.randomUUID().toString(), "run"));
        HttpClientResponseException e = catchThrowableOfType(HttpClientResponseException.class,
                () -> webhooks.sendRaw("msg_" + UUID.randomUUID(), Instant.now().getEpochSecond(), body, secret));
        return e.getStatus().getCode();
    }
}
