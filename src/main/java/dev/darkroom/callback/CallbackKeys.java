package dev.darkroom.callback;

import dev.darkroom.run.WebhookSignature;
import dev.darkroom.security.SecretPolicy;
import io.micronaut.context.annotation.Context;

import java.util.ArrayList;
import java.util.List;

/**
 * The keys every callback is signed with: the current one first, then those of a rotation under way. Each key adds
 * one signature to {@code webhook-signature}, so a backend verifies with whichever it holds; rotate by adding the new
 * secret as current and the old one as previous, then drop the old one once the backend has the new. A key of its
 * own: a backend that verifies callbacks learns nothing that would let it sign worker events.
 */
@Context
public class CallbackKeys {

    private final List<byte[]> signingKeys;

    public CallbackKeys(CallbackProperties properties, SecretPolicy policy) {
        SecretPolicy.Decoder whsec = WebhookSignature::decodeSecret;
        List<byte[]> keys = new ArrayList<>();
        keys.add(policy.require("DARKROOM_CALLBACK_SECRET", "darkroom.callbacks.secret", properties.secret(), whsec,
                random -> WebhookSignature.SECRET_PREFIX + SecretPolicy.Generator.BASE64.secret(random)));
        for (String previous : properties.previousSecrets()) {
            if (!previous.isBlank()) { // an unset list binds as one empty entry
                keys.add(policy.require("DARKROOM_CALLBACK_PREVIOUS_SECRETS", "darkroom.callbacks.previous-secrets",
                        previous, whsec, SecretPolicy.Generator.BASE64::secret));
            }
        }
        this.signingKeys = List.copyOf(keys);
    }

    /** The {@code webhook-signature} value: one {@code v1,<base64>} per key, space-separated. */
    public String sign(String messageId, long timestamp, byte[] body) {
        return String.join(" ", signingKeys.stream()
                .map(key -> WebhookSignature.sign(key, messageId, timestamp, body)).toList());
    }
}
