package dev.darkroom.webhook;

import io.micronaut.context.annotation.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

/** The key workers sign with and the keys the receiver accepts; made at startup so a bad secret stops it. */
@Context
public class WebhookKeys {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookKeys.class);

    private final byte[] signingKey;

    public WebhookKeys(WebhookProperties properties) {
        String secret = properties.secret();
        if (secret == null || secret.isBlank()) {
            // Fine when every role runs in this one process; separate deployments must share a configured secret.
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            secret = WebhookSignature.SECRET_PREFIX + Base64.getEncoder().encodeToString(random);
            LOG.warn("DARKROOM_WEBHOOK_SECRET is not set: using a random secret for this process only");
        }
        this.signingKey = WebhookSignature.decodeSecret(secret);
    }

    public byte[] signingKey() {
        return signingKey;
    }

    public List<byte[]> verificationKeys() {
        return List.of(signingKey);
    }
}
