package dev.darkroom;

import org.junit.jupiter.api.RepeatedTest;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class BackoffTest {

    static final Duration INITIAL = Duration.ofMillis(100);
    static final Duration MAX = Duration.ofSeconds(2);

    @RepeatedTest(20)
    void eachWaitDoublesWithinItsJitterBandUntilTheCap() {
        assertThat(Backoff.before(1, INITIAL, MAX)).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
        assertThat(Backoff.before(2, INITIAL, MAX)).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
        assertThat(Backoff.before(4, INITIAL, MAX)).isBetween(Duration.ofMillis(400), Duration.ofMillis(800));
        assertThat(Backoff.before(10, INITIAL, MAX)).isBetween(Duration.ofSeconds(1), MAX);
        assertThat(Backoff.before(500, INITIAL, MAX)).isBetween(Duration.ofSeconds(1), MAX);
    }
}
