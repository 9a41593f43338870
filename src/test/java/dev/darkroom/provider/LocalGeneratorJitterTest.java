package dev.darkroom.provider;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class LocalGeneratorJitterTest {

    private static final Duration JITTER = Duration.ofSeconds(4);
    private static final long KNOWN_EV_1 = 1561;

    @Test
    void oneImageIdAlwaysWaitsTheSameExtraTime() {
        assertThat(LocalImageGenerator.jitterMillis("ev-3", JITTER))
                .isEqualTo(LocalImageGenerator.jitterMillis("ev-3", JITTER));
    }

    @Test
    void theExtraTimeStaysWithinTheJitter() {
        assertThat(IntStream.range(0, 1000).mapToLong(i -> LocalImageGenerator.jitterMillis("img-" + i, JITTER)))
                .allSatisfy(millis -> assertThat(millis).isBetween(0L, JITTER.toMillis()));
    }

    @Test
    void idsThatDifferByADigitWaitDifferentTimesSpreadOverTheRange() {
        long[] waits = IntStream.rangeClosed(1, 14).mapToLong(i -> LocalImageGenerator.jitterMillis("ev-" + i, JITTER))
                .toArray();
        assertThat(Arrays.stream(waits).distinct().count()).isGreaterThanOrEqualTo(12);
        assertThat(Arrays.stream(waits).min().orElseThrow()).isLessThan(1500);
        assertThat(Arrays.stream(waits).max().orElseThrow()).isGreaterThan(2500);
    }

    @Test
    void noJitterMeansNoExtraTime() {
        assertThat(LocalImageGenerator.jitterMillis("ev-1", Duration.ZERO)).isZero();
    }

    @Test
    void aKnownIdWaitsItsKnownTime() {
        // A known answer: the function must not change between the run that is measured and the figure it is
        // compared with, nor between releases of the benchmark page.
        assertThat(LocalImageGenerator.jitterMillis("ev-1", JITTER)).isEqualTo(KNOWN_EV_1);
    }
}
