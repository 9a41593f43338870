package dev.darkroom.provider.fal;

import dev.darkroom.Sha256;
import dev.darkroom.problem.ProblemException;
import dev.darkroom.provider.ProviderException;
import dev.darkroom.provider.ProviderHttp;
import dev.darkroom.run.SignedRequests;
import dev.darkroom.security.WebhookProperties;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * fal's webhook signature: Ed25519 over {@code request_id \n user_id \n timestamp \n sha256hex(raw body)}, hex in
 * {@code X-Fal-Webhook-Signature}, checked against the keys of fal's JWKS document. The keys are cached, and fetched
 * again when they are old or when a signature matches none of them (fal rotated its key), at most once a minute.
 */
@Singleton
@Requires(property = "darkroom.providers.fal.api-key", pattern = ".+")
public class FalWebhookVerifier {

    public static final String REQUEST_ID = "X-Fal-Webhook-Request-Id";
    public static final String USER_ID = "X-Fal-Webhook-User-Id";
    public static final String TIMESTAMP = "X-Fal-Webhook-Timestamp";
    public static final String SIGNATURE = "X-Fal-Webhook-Signature";
    /** Without every one of these a callback is not worth reading (the intake guard refuses it unread). */
    public static final List<String> HEADERS = List.of(REQUEST_ID, USER_ID, TIMESTAMP, SIGNATURE);

    private static final Logger LOG = LoggerFactory.getLogger(FalWebhookVerifier.class);
    /** The DER prefix of an X.509 SubjectPublicKeyInfo for a raw 32-byte Ed25519 key. */
    private static final byte[] ED25519_SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");
    private static final Duration MIN_REFETCH = Duration.ofMinutes(1);

    private final FalProperties properties;
    private final ProviderHttp http;
    private final Duration tolerance;
    private final Clock clock;
    private List<PublicKey> keys = List.of();
    private Instant fetchedAt = Instant.EPOCH;

    public FalWebhookVerifier(FalProperties properties, @Client(id = "fal") HttpClient client, JsonMapper json,
                              WebhookProperties webhooks, Clock clock) {
        this.properties = properties;
        this.http = new ProviderHttp(client, json, "fal JWKS");
        this.tolerance = webhooks.tolerance();
        this.clock = clock;
    }

    /** Returns the request id of a genuine, fresh webhook; otherwise throws a 401 problem. */
    public String verify(HttpHeaders headers, byte[] body) {
        String requestId = headers.get(REQUEST_ID);
        String userId = headers.get(USER_ID);
        String timestamp = headers.get(TIMESTAMP);
        String signatureHex = headers.get(SIGNATURE);
        if (requestId == null || userId == null || timestamp == null || signatureHex == null) {
            throw unauthorized("the X-Fal-Webhook-Request-Id, -User-Id, -Timestamp and -Signature headers are "
                    + "required");
        }
        String stale = SignedRequests.staleness(TIMESTAMP, timestamp, clock.instant(), tolerance);
        if (stale != null) {
            throw unauthorized(stale);
        }
        byte[] signature;
        try {
            signature = HexFormat.of().parseHex(signatureHex.trim());
        } catch (IllegalArgumentException e) {
            throw unauthorized(SIGNATURE + " must be hex");
        }
        byte[] message = (requestId + "\n" + userId + "\n" + timestamp.trim() + "\n" + Sha256.hex(body))
                .getBytes(StandardCharsets.UTF_8);
        if (matchesAny(keys(false), message, signature) || refetchAllowed() && matchesAny(keys(true), message,
                signature)) {
            return requestId;
        }
        throw unauthorized(SIGNATURE + " does not match any key of " + properties.jwksUrl());
    }

    /** Whether a header could hold a signature at all (hex), before the body is read to check it. */
    public static boolean signatureShaped(String value) {
        return !value.isBlank() && value.trim().chars().allMatch(c -> Character.digit(c, 16) >= 0);
    }

    private static boolean matchesAny(List<PublicKey> candidates, byte[] message, byte[] signature) {
        for (PublicKey key : candidates) {
            try {
                Signature ed25519 = Signature.getInstance("Ed25519");
                ed25519.initVerify(key);
                ed25519.update(message);
                if (ed25519.verify(signature)) {
                    return true;
                }
            } catch (GeneralSecurityException e) {
                // A malformed signature is simply not a match.
            }
        }
        return false;
    }

    private synchronized boolean refetchAllowed() {
        return Duration.between(fetchedAt, clock.instant()).compareTo(MIN_REFETCH) > 0;
    }

    private synchronized List<PublicKey> keys(boolean refresh) {
        boolean stale = Duration.between(fetchedAt, clock.instant()).compareTo(properties.jwksCacheFor()) > 0;
        if (refresh || keys.isEmpty() || stale) {
            keys = fetch();
            fetchedAt = clock.instant();
        }
        return keys;
    }

    private List<PublicKey> fetch() {
        ProviderHttp.Answer answer;
        try {
            answer = http.send(HttpRequest.GET(properties.jwksUrl()), Duration.ofSeconds(10));
        } catch (ProviderException e) {
            throw unavailable("fal's keys could not be fetched: " + e.getMessage());
        }
        JsonNode set = answer.ok() ? http.parse(answer.body()).map(root -> root.get("keys")).orElse(null) : null;
        if (set == null || !set.isArray()) {
            throw unavailable("fal's JWKS answered " + answer.status() + " without keys");
        }
        List<PublicKey> parsed = new ArrayList<>();
        for (JsonNode jwk : set.values()) {
            if ("OKP".equals(ProviderHttp.text(jwk, "kty")) && "Ed25519".equals(ProviderHttp.text(jwk, "crv"))
                    && ProviderHttp.text(jwk, "x") != null) {
                try {
                    parsed.add(ed25519(Base64.getUrlDecoder().decode(ProviderHttp.text(jwk, "x"))));
                } catch (IllegalArgumentException | GeneralSecurityException e) {
                    LOG.warn("skipping a malformed key in fal's JWKS: {}", e.getMessage());
                }
            }
        }
        LOG.info("fetched {} Ed25519 keys from {}", parsed.size(), properties.jwksUrl());
        return List.copyOf(parsed);
    }

    static PublicKey ed25519(byte[] raw) throws GeneralSecurityException {
        if (raw.length != 32) {
            throw new GeneralSecurityException("an Ed25519 key is 32 bytes, not " + raw.length);
        }
        byte[] der = new byte[ED25519_SPKI_PREFIX.length + raw.length];
        System.arraycopy(ED25519_SPKI_PREFIX, 0, der, 0, ED25519_SPKI_PREFIX.length);
        System.arraycopy(raw, 0, der, ED25519_SPKI_PREFIX.length, raw.length);
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
    }

    private static ProblemException unauthorized(String detail) {
        return new ProblemException(HttpStatus.UNAUTHORIZED, "unauthorized", detail);
    }

    private static ProblemException unavailable(String detail) {
        // 503, so that fal delivers the webhook again later rather than giving up on it.
        return new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", detail);
    }
}
