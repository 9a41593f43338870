package dev.darkroom.intake;

import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class IntakeSettingsTest {

    @Test
    void anEndpointLimitLargerThanTheBudgetStopsTheStartNamingBothSettings() {
        try (ApplicationContext context = ApplicationContext.run(Map.of(
                "darkroom.intake.bytes-in-flight", "2MB", "darkroom.intake.run", "3MB"), "test")) {
            Throwable failure = catchThrowable(() -> context.getBean(SignedBodyFilter.class));

            assertThat(failure).rootCause().hasMessageContaining("darkroom.intake.run (3145728 bytes)")
                    .hasMessageContaining("darkroom.intake.bytes-in-flight (2097152 bytes)");
        }
    }

    @Test
    void sizesAreReadAsByteUnits() {
        try (ApplicationContext context = ApplicationContext.run(Map.of(
                "darkroom.intake.worker-event", "512KB"), "test")) {
            IntakeProperties properties = context.getBean(IntakeProperties.class);

            assertThat(properties.workerEvent()).isEqualTo(512 * 1024);
            assertThat(properties.bytesInFlight()).as("the default").isEqualTo(32L * 1024 * 1024);
        }
    }
}
