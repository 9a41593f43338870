package dev.darkroom.intake;

import io.micronaut.serde.annotation.Serdeable;

/** The answer of a signed event endpoint: whether the event changed anything (false for a repeat). */
@Serdeable
public record Applied(boolean applied) {
}
