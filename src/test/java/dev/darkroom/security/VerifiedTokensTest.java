package dev.darkroom.security;

import dev.darkroom.support.SetClock;
import dev.darkroom.support.Tokens;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Verified tokens kept in memory: served while their times hold on the service's clock, refused once it passes
 * their expiry, and never standing in for a token that does not verify.
 */
@MicronautTest
class VerifiedTokensTest {

    static final SetClock CLOCK = new SetClock(Instant.now());

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    VerifiedTokens verified;

    @MockBean(Clock.class)
    Clock clock() {
        return CLOCK;
    }

    @BeforeEach
    void now() {
        CLOCK.set(Instant.now());
    }

    @Test
    void aCachedTokenStopsWorkingAtItsExpiry() {
        String token = token(Duration.ofMinutes(1));
        assertThat(status(token)).isEqualTo(200);
        assertThat(verified.get(token)).as("kept once verified").isPresent();
        assertThat(status(token)).isEqualTo(200);

        CLOCK.set(CLOCK.instant().plus(Duration.ofSeconds(61)));

        assertThat(verified.get(token)).as("no longer served once expired").isEmpty();
        assertThat(status(token)).as("refused, fresh or kept").isEqualTo(401);
    }

    @Test
    void aTokenIsNotUsedBeforeItsNotBeforeEvenOnceKept() {
        Instant later = CLOCK.instant().plus(Duration.ofMinutes(5));
        String early = TokenMinter.mint(Tokens.SECRET.getBytes(StandardCharsets.UTF_8), "early",
                List.of(Scopes.JOBS_READ), Duration.ofMinutes(10), later);
        assertThat(status(early)).as("before its nbf").isEqualTo(401);
        assertThat(verified.get(early)).as("a refusal is not kept").isEmpty();

        CLOCK.set(later);
        assertThat(status(early)).isEqualTo(200);
        CLOCK.set(later.minusSeconds(1));
        assertThat(status(early)).as("the kept token checks its nbf too").isEqualTo(401);
    }

    @Test
    void aTokenWithABadSignatureIsNeverServedFromTheCache() {
        String token = token(Duration.ofMinutes(10));
        assertThat(status(token)).isEqualTo(200);
        String[] parts = token.split("\\.");
        String forged = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();

        assertThat(status(forged)).isEqualTo(401);
        assertThat(status(forged)).as("still refused the second time").isEqualTo(401);
        assertThat(verified.get(forged)).isEmpty();
    }

    @Test
    void aTokenSignedWithAnotherKeyIsRefusedAndNotKept() {
        String other = TokenMinter.mint("another-secret-that-is-at-least-32-bytes-long".getBytes(StandardCharsets.UTF_8),
                "stranger", List.of(Scopes.JOBS_READ), Duration.ofMinutes(10), CLOCK.instant());
        assertThat(status(other)).isEqualTo(401);
        assertThat(status(other)).isEqualTo(401);
        assertThat(verified.get(other)).isEmpty();
    }

    private String token(Duration ttl) {
        return TokenMinter.mint(Tokens.SECRET.getBytes(StandardCharsets.UTF_8), "operator", List.of(Scopes.JOBS_READ),
                ttl, CLOCK.instant());
    }

    private int status(String token) {
        try {
            HttpResponse<String> response = http.toBlocking().exchange(HttpRequest.GET("/v1/ops/stats")
                    .bearerAuth(token), String.class);
            return response.getStatus().getCode();
        } catch (HttpClientResponseException e) {
            return e.getStatus().getCode();
        }
    }
}
