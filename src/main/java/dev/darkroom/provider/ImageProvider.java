package dev.darkroom.provider;

/**
 * Something that turns a prompt into a picture. Implementations block until the image is there or throw a
 * {@link ProviderException} that says whether trying again could help; the worker owns timeouts and retries.
 */
public interface ImageProvider {

    /** Short stable name, recorded with each image it makes. */
    String name();

    GeneratedImage generate(ImageRequest request);
}
