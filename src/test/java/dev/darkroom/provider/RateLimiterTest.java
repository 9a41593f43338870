package dev.darkroom.provider;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimiterTest {

    @Test
    void aProvidersPauseIsCappedSoOneAnswerCannotStallEveryImageForAnHour() {
        RateLimiter limiter = new LocalRateLimiter(60, 4, Duration.ofSeconds(30));

        limiter.pause(Duration.ofHours(1));

        assertThat(limiter.remainingPause()).isGreaterThan(Duration.ofSeconds(25))
                .isLessThanOrEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aShorterPauseDoesNotCutALongerOneShort() {
        RateLimiter limiter = new LocalRateLimiter(60, 4, Duration.ofSeconds(30));

        limiter.pause(Duration.ofSeconds(20));
        limiter.pause(Duration.ofSeconds(1));

        assertThat(limiter.remainingPause()).isGreaterThan(Duration.ofSeconds(15));
    }
}
