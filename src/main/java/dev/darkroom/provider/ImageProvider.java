package dev.darkroom.provider;

/**
 * Something that turns a prompt into a picture. Implementations block until the image is there or throw a
 * {@link ProviderException} that says whether trying again could help; the worker owns timeouts, retries, rate
 * limits and failover.
 */
public interface ImageProvider {

    /** Short stable name, as in {@code darkroom.providers.order}, recorded with each image it makes. */
    String name();

    GeneratedImage generate(ImageRequest request);

    /** Its rate limits and price; none by default. */
    default ProviderPolicy policy() {
        return ProviderPolicy.UNLIMITED_AND_FREE;
    }
}
