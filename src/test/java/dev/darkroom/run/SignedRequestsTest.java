package dev.darkroom.run;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Signing needs no application: a tolerance and a clock, and a refusal that says why. */
class SignedRequestsTest {

    static final byte[] KEY = "a key of thirty-two bytes or more, for the test".getBytes(StandardCharsets.UTF_8);
    static final byte[] BODY = "{\"jobId\":\"j\"}".getBytes(StandardCharsets.UTF_8);
    static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

    final SignedRequests signer = at(NOW);

    @Test
    void aRequestItSignedIsVerifiedWithinTheToleranceAndNamesItsId() {
        MutableHttpRequest<byte[]> signed = signer.sign(HttpRequest.POST("/x", BODY), "msg_1", BODY, KEY);

        assertThat(at(NOW.plus(Duration.ofMinutes(5))).verify(signed.getHeaders(), BODY, List.of(KEY)))
                .isEqualTo("msg_1");
    }

    @Test
    void everyRefusalSaysWhy() {
        MutableHttpRequest<byte[]> signed = signer.sign(HttpRequest.POST("/x", BODY), "msg_1", BODY, KEY);

        assertThatThrownBy(() -> signer.verify(HttpRequest.POST("/x", BODY).getHeaders(), BODY, List.of(KEY)))
                .isInstanceOf(SignedRequests.Refused.class)
                .hasMessage("webhook-id, webhook-timestamp and webhook-signature are required");
        assertThatThrownBy(() -> at(NOW.plus(Duration.ofMinutes(6))).verify(signed.getHeaders(), BODY, List.of(KEY)))
                .isInstanceOf(SignedRequests.Refused.class)
                .hasMessage("webhook-timestamp is outside the allowed window");
        assertThatThrownBy(() -> signer.verify(signed.getHeaders(), "{}".getBytes(StandardCharsets.UTF_8),
                List.of(KEY))).isInstanceOf(SignedRequests.Refused.class)
                .hasMessage("webhook-signature does not match");
    }

    private static SignedRequests at(Instant now) {
        return new SignedRequests(Duration.ofMinutes(5), Clock.fixed(now, ZoneOffset.UTC));
    }
}
