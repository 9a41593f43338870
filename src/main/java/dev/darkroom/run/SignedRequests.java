package dev.darkroom.run;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.MutableHttpRequest;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Standard Webhooks signing for every request one Darkroom role sends another: worker events to the receiver,
 * and runs from the dispatcher to a worker. Verification reads the raw body bytes before anything parses them. A
 * request that fails it is refused with {@link Refused}, which each door answers with 401.
 */
public class SignedRequests {

    public static final String ID = "webhook-id";
    public static final String TIMESTAMP = "webhook-timestamp";
    public static final String SIGNATURE = "webhook-signature";

    private final Duration tolerance;
    private final Clock clock;

    /** {@code tolerance}: how far a request's timestamp may be from {@code clock}, past or future. */
    public SignedRequests(Duration tolerance, Clock clock) {
        this.tolerance = tolerance;
        this.clock = clock;
    }

    /** What is signed for a request without a body: its method and path, so a signature opens nothing else. */
    public static byte[] bodiless(String method, String path) {
        return (method + " " + path).getBytes(StandardCharsets.UTF_8);
    }

    public <T> MutableHttpRequest<T> sign(MutableHttpRequest<T> request, String id, byte[] body, byte[] key) {
        long timestamp = clock.instant().getEpochSecond();
        return request.header(ID, id)
                .header(TIMESTAMP, Long.toString(timestamp))
                .header(SIGNATURE, WebhookSignature.sign(key, id, timestamp, body));
    }

    /** Returns the id of a genuine, fresh request signed with any of {@code keys}; otherwise throws {@link Refused}. */
    public String verify(HttpHeaders headers, byte[] body, List<byte[]> keys) {
        String id = headers.get(ID);
        String timestamp = headers.get(TIMESTAMP);
        String signature = headers.get(SIGNATURE);
        if (id == null || timestamp == null || signature == null) {
            throw new Refused(ID + ", " + TIMESTAMP + " and " + SIGNATURE + " are required");
        }
        String stale = staleness(TIMESTAMP, timestamp, clock.instant(), tolerance);
        if (stale != null) {
            throw new Refused(stale);
        }
        long seconds = Long.parseLong(timestamp.trim());
        for (byte[] key : keys) {
            if (WebhookSignature.matches(key, id, seconds, body, signature)) {
                return id;
            }
        }
        throw new Refused(SIGNATURE + " does not match");
    }

    /**
     * Why a signature's timestamp cannot be taken (not whole seconds since the epoch, or more than {@code tolerance}
     * from {@code now}, past or future), or null when it is fresh: one rule for every signed door. Compared as
     * numbers, so no value, however large, fails on the way.
     */
    public static @Nullable String staleness(String header, @Nullable String value, Instant now, Duration tolerance) {
        long seconds;
        try {
            seconds = Long.parseLong(value == null ? "" : value.trim());
        } catch (NumberFormatException e) {
            return header + " must be seconds since the epoch";
        }
        long nowSeconds = now.getEpochSecond();
        if (seconds < nowSeconds - tolerance.toSeconds() || seconds > nowSeconds + tolerance.toSeconds()) {
            return header + " is outside the allowed window";
        }
        return null;
    }

    /** A request whose signature is missing, stale or wrong; the message says which, and is safe to answer. */
    public static class Refused extends RuntimeException {
        public Refused(String reason) {
            super(reason);
        }
    }
}
