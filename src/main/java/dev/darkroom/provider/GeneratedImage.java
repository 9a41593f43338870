package dev.darkroom.provider;

/** The bytes a provider produced, with what it says they are. */
public record GeneratedImage(byte[] data, String contentType, int width, int height) {
}
