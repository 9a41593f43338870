package dev.darkroom.security;

import dev.darkroom.support.SetClock;

import io.micronaut.security.authentication.Authentication;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The cache of verified tokens on its own: bounded in entries and in time, never holding a token without expiry. */
class VerifiedTokensBoundsTest {

    final SetClock clock = new SetClock(Instant.parse("2026-01-01T00:00:00Z"));

    @Test
    void theCacheHoldsNoMoreThanItsSize() {
        VerifiedTokens verified = cache(10);
        for (int i = 0; i < 50; i++) {
            verified.keep("token-" + i, caller(clock.instant().plusSeconds(60)));
            assertThat(verified.size()).isLessThanOrEqualTo(10);
        }
        assertThat(verified.get("token-49")).as("the newest is kept").isPresent();
    }

    @Test
    void aTokenWithoutExpiryIsNotKept() {
        VerifiedTokens verified = cache(10);
        verified.keep("no-exp", Authentication.build("caller", List.of(Scopes.JOBS_READ), Map.of()));
        assertThat(verified.get("no-exp")).isEmpty();
    }

    @Test
    void aTokenIsKeptNoLongerThanTheTtlWhateverItsExpiry() {
        VerifiedTokens verified = cache(10);
        verified.keep("long-lived", caller(clock.instant().plus(Duration.ofDays(1))));
        assertThat(verified.get("long-lived")).isPresent();
        clock.advance(Duration.ofMinutes(6));
        assertThat(verified.get("long-lived")).isEmpty();
    }

    @Test
    void aSizeOfZeroTurnsTheCacheOff() {
        VerifiedTokens verified = cache(0);
        verified.keep("token", caller(clock.instant().plusSeconds(60)));
        assertThat(verified.get("token")).isEmpty();
    }

    private VerifiedTokens cache(int size) {
        return new VerifiedTokens(clock, new SecurityProperties(null, null, Duration.ofHours(24), size,
                Duration.ofMinutes(5)));
    }

    private static Authentication caller(Instant expiry) {
        return Authentication.build("caller", List.of(Scopes.JOBS_READ), Map.of("exp", Date.from(expiry)));
    }
}
