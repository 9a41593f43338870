package dev.darkroom.job;

import dev.darkroom.run.ImageKind;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** What a succeeded image keeps of what its run said, whichever path (webhook or recovery's pull) it came by. */
class ImageTaskTest {

    final ImageTask task = new ImageTask("t-1", "j-1", "ev-1", 0, ImageKind.EVIDENCE, "Key", "", TaskStatus.GENERATING,
            "r-1", null, null, null, null, null, null, null, null, null, null, 0L);

    @Test
    void aCostIsKeptToTheSixDecimalsItsColumnHolds() {
        assertThat(succeededAt(new BigDecimal("0.0123456789")).cost()).isEqualByComparingTo("0.012346");
        assertThat(succeededAt(new BigDecimal("0.04")).cost()).isEqualByComparingTo("0.04");
        assertThat(succeededAt(null).cost()).isNull();
    }

    private ImageTask succeededAt(BigDecimal price) {
        return task.succeeded("r-1", "image/jpeg", 512, 512, 100, "ab", "openai", price, Instant.EPOCH);
    }
}
