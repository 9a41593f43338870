package dev.darkroom.recovery;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * @param interval   how often quiet runs are looked for
 * @param runTimeout how long an accepted run may go without any event (started, image, heartbeat) before it is
 *                   taken for lost and its open images are dispatched again
 * @param batchSize  jobs handled per check
 */
@ConfigurationProperties("darkroom.recovery")
public record RecoveryProperties(
        @Bindable(defaultValue = "15s") Duration interval,
        @Bindable(defaultValue = "2m") Duration runTimeout,
        @Bindable(defaultValue = "20") int batchSize) {
}
