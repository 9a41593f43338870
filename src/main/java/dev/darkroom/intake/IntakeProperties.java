package dev.darkroom.intake;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import io.micronaut.core.convert.format.ReadableBytes;

import java.time.Duration;

/**
 * How much a signed endpoint takes in before its body is read. Sizes accept {@code 512KB}, {@code 1MB} and the like.
 *
 * @param bytesInFlight    bodies the signed endpoints together may hold at once, by their Content-Length; a request
 *                         that does not fit waits outside with 503 and Retry-After
 * @param workerEvent      largest worker event (one image, base64, with its metadata)
 * @param run              largest run a dispatcher may send a worker
 * @param providerCallback largest completion callback from Replicate or fal
 * @param retryAfter       what Retry-After says when the budget is full
 */
@ConfigurationProperties("darkroom.intake")
public record IntakeProperties(
        @Bindable(defaultValue = "32MB") @ReadableBytes long bytesInFlight,
        @Bindable(defaultValue = "1MB") @ReadableBytes long workerEvent,
        @Bindable(defaultValue = "1MB") @ReadableBytes long run,
        @Bindable(defaultValue = "1MB") @ReadableBytes long providerCallback,
        @Bindable(defaultValue = "1s") Duration retryAfter) {
}
