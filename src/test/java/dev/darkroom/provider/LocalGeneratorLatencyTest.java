package dev.darkroom.provider;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The local generator's latency is the whole answer: drawing the picture is part of it, not added to it. */
class LocalGeneratorLatencyTest {

    @Test
    void theTimeSpentDrawingComesOffTheWait() {
        assertThat(LocalImageGenerator.waitAfterRender(2000, 80)).isEqualTo(1920);
    }

    @Test
    void aDrawingSlowerThanTheLatencyWaitsNoLonger() {
        assertThat(LocalImageGenerator.waitAfterRender(50, 80)).isZero();
    }

    @Test
    void noLatencyMeansNoWait() {
        assertThat(LocalImageGenerator.waitAfterRender(0, 80)).isZero();
    }
}
