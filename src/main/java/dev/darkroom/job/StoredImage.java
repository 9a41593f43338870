package dev.darkroom.job;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/** The bytes of a succeeded image, keyed by its task. */
@MappedEntity("images")
public record StoredImage(@Id String taskId, byte[] data) {
}
