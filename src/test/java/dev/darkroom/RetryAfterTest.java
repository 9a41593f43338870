package dev.darkroom;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Retry-After in both forms HTTP allows, as workers, receivers and providers send it. */
class RetryAfterTest {

    static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");

    @Test
    void wholeSecondsAreAWait() {
        assertThat(RetryAfter.parse(" 5 ", NOW)).contains(Duration.ofSeconds(5));
    }

    @Test
    void secondsMayCarryAFraction() {
        assertThat(RetryAfter.parse("1.5", NOW)).contains(Duration.ofMillis(1500));
    }

    @Test
    void theLongestWaitItReadsIsLongNotNegative() {
        assertThat(RetryAfter.parse("999999999999", NOW)).contains(Duration.ofSeconds(999_999_999_999L));
    }

    @Test
    void anHttpDateIsTheWaitUntilThen() {
        assertThat(RetryAfter.parse("Sat, 01 Mar 2025 10:00:30 GMT", NOW)).contains(Duration.ofSeconds(30));
    }

    @Test
    void anHttpDateInThePastIsNoWait() {
        assertThat(RetryAfter.parse("Sat, 01 Mar 2025 09:00:00 GMT", NOW)).contains(Duration.ZERO);
    }

    @Test
    void missingOrUnreadableValuesAskForNothing() {
        assertThat(RetryAfter.parse(null, NOW)).isEmpty();
        assertThat(RetryAfter.parse("", NOW)).isEmpty();
        assertThat(RetryAfter.parse("soon", NOW)).isEmpty();
        assertThat(RetryAfter.parse("-3", NOW)).isEmpty();
        assertThat(RetryAfter.parse("99999999999999999999999", NOW)).isEmpty();
        assertThat(RetryAfter.parse("1.", NOW)).isEmpty();
    }
}
