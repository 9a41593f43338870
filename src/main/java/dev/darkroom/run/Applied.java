package dev.darkroom.run;

import io.micronaut.serde.annotation.Serdeable;

/** The receiver's answer to a signed event (a worker's, or a provider's callback): whether it changed anything. */
@Serdeable
public record Applied(boolean applied) {
}
