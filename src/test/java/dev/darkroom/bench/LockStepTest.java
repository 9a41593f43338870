package dev.darkroom.bench;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class LockStepTest {

    @Test
    void lockStepBatchesTakeAsLongAsTheirSlowestImageOneAfterTheOther() {
        long[] latencies = {1000, 5000, 1000, 1000, 1000, 2000, 1000, 1000, 1000, 1000, 3000, 1000};
        assertThat(LatencyScenarios.lockStep(latencies, 5)).isEqualTo(5000 + 2000 + 3000);
    }

    @Test
    void aLastShortBatchCountsToo() {
        assertThat(LatencyScenarios.lockStep(new long[] {1000, 1000, 1000, 1000, 2000, 4000}, 5)).isEqualTo(6000);
    }

    @Test
    void aSlidingWindowStartsTheNextImageWhenAnyEnds() {
        // Window of 2: a (5 s) and b (1 s) start at 0; c starts at 1 s when b ends and ends at 2 s; d ends at 3 s.
        assertThat(LatencyScenarios.slidingWindow(new long[] {5000, 1000, 1000, 1000}, 2)).isEqualTo(5000);
        assertThat(LatencyScenarios.slidingWindow(new long[] {1000, 1000, 1000, 1000, 1000}, 2)).isEqualTo(3000);
    }

    @Test
    void fourteenImagesAtOneLatencyTakeThreeWindowsOfFiveEitherWay() {
        long[] same = new long[14];
        Arrays.fill(same, 2000);
        assertThat(LatencyScenarios.lockStep(same, 5)).isEqualTo(6000);
        assertThat(LatencyScenarios.slidingWindow(same, 5)).isEqualTo(6000);
    }
}
