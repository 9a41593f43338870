package dev.darkroom.security;

import dev.darkroom.run.WebhookSignature;
import io.micronaut.context.annotation.Context;

import java.util.ArrayList;
import java.util.List;

/**
 * The key workers sign events with, and every key the receiver accepts. Accepting the previous secret alongside
 * the new one lets a secret be rotated with no webhook lost: receivers first, then workers, then drop the old one.
 * Made at startup, so a missing or weak secret stops the service before it takes any work.
 */
@Context
public class WebhookKeys {

    private final byte[] signingKey;
    private final List<byte[]> verificationKeys;

    public WebhookKeys(WebhookProperties properties, SecretPolicy policy) {
        SecretPolicy.Decoder whsec = WebhookSignature::decodeSecret;
        this.signingKey = policy.require("DARKROOM_WEBHOOK_SECRET", "darkroom.webhook.secret", properties.secret(),
                whsec, random -> WebhookSignature.SECRET_PREFIX + SecretPolicy.Generator.BASE64.secret(random));
        List<byte[]> keys = new ArrayList<>();
        keys.add(signingKey);
        for (String accepted : properties.acceptedSecrets()) {
            if (accepted.isBlank()) {
                continue; // an unset list binds as one empty entry
            }
            keys.add(policy.require("DARKROOM_WEBHOOK_ACCEPTED_SECRETS", "darkroom.webhook.accepted-secrets",
                    accepted, whsec, SecretPolicy.Generator.BASE64::secret));
        }
        this.verificationKeys = List.copyOf(keys);
    }

    public byte[] signingKey() {
        return signingKey;
    }

    public List<byte[]> verificationKeys() {
        return verificationKeys;
    }
}
