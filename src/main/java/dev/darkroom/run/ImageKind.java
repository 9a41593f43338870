package dev.darkroom.run;

import io.micronaut.serde.annotation.Serdeable;

/** What an image shows: an evidence photo of an object, or a shot of a location. */
@Serdeable
public enum ImageKind {
    EVIDENCE, LOCATION
}
