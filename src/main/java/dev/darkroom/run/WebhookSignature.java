package dev.darkroom.run;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * The Standard Webhooks signature: HMAC-SHA256 over {@code id.timestamp.body} with the key that follows the
 * {@code whsec_} prefix, sent as {@code v1,<base64>}. Replicate signs its callbacks the same way.
 */
public final class WebhookSignature {

    public static final String SECRET_PREFIX = "whsec_";
    public static final String VERSION = "v1";

    private WebhookSignature() {
    }

    public static byte[] decodeSecret(String secret) {
        String encoded = secret.startsWith(SECRET_PREFIX) ? secret.substring(SECRET_PREFIX.length()) : secret;
        try {
            return Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a webhook secret is whsec_ followed by base64");
        }
    }

    public static String sign(byte[] key, String id, long timestamp, byte[] body) {
        return VERSION + "," + Base64.getEncoder().encodeToString(hmac(key, id, timestamp, body));
    }

    /** True when any {@code v1,} entry of the space-separated header matches; compared in constant time. */
    public static boolean matches(byte[] key, String id, long timestamp, byte[] body, String signatureHeader) {
        byte[] expected = hmac(key, id, timestamp, body);
        boolean match = false;
        for (String entry : signatureHeader.trim().split(" +")) {
            int comma = entry.indexOf(',');
            if (comma < 0 || !VERSION.equals(entry.substring(0, comma))) {
                continue;
            }
            byte[] given;
            try {
                given = Base64.getDecoder().decode(entry.substring(comma + 1));
            } catch (IllegalArgumentException e) {
                continue;
            }
            match |= MessageDigest.isEqual(expected, given);
        }
        return match;
    }

    private static byte[] hmac(byte[] key, String id, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
