package dev.darkroom.api;

import dev.darkroom.intake.IntakeProperties;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** An initiator warns when the API's text limits could make a run larger than a worker takes. */
class RunSizeCheckTest {

    private static final long ONE_MB = 1024 * 1024;

    @Test
    void theDefaultLimitsFitTheDefaultRunLimit() {
        assertThat(check(api(50, 262_144, 200, 2000), ONE_MB).warning()).isEmpty();
    }

    @Test
    void textLimitsThatCouldOverflowTheRunLimitAreNamedWithIt() {
        assertThat(check(api(50, 4 * ONE_MB, 200, 20_000), ONE_MB).warning()).hasValueSatisfying(warning ->
                assertThat(warning).contains("darkroom.intake.run (1048576 bytes)",
                        "darkroom.api.max-items (50)", "darkroom.api.max-description-length (20000)",
                        "darkroom.api.max-body-bytes"));
    }

    @Test
    void theCreateRequestsBodyLimitCapsTheTextARunCanCarry() {
        assertThat(check(api(50, 262_144, 200, 20_000), ONE_MB).warning())
                .as("a 256 KB create request cannot carry 4 MB of text").isEmpty();
    }

    @Test
    void aRunLimitBelowTheLargestRunWarnsEvenAtTheDefaultTextLimits() {
        assertThat(check(api(50, 262_144, 200, 2000), 256 * 1024).warning()).isPresent();
    }

    private static ApiProperties api(int maxItems, long maxBodyBytes, int name, int description) {
        return new ApiProperties(maxItems, (int) maxBodyBytes, Duration.ofSeconds(2), 60, name, description);
    }

    private static RunSizeCheck check(ApiProperties api, long run) {
        return new RunSizeCheck(api, new IntakeProperties(32 * ONE_MB, ONE_MB, run, ONE_MB, Duration.ofSeconds(1)));
    }
}
