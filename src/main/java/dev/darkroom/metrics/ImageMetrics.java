package dev.darkroom.metrics;

import dev.darkroom.run.ImageKind;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;

/**
 * What came of each image a worker generated: {@code darkroom_images_total{outcome, provider, kind}} and, for the
 * failed ones, {@code darkroom_image_failures_total{code}}. Recorded by the worker that made (or failed) the image,
 * once per attempt at it; the provider of a failure is the last one tried, the one whose word was final.
 */
@Singleton
public class ImageMetrics {

    static final String IMAGES = "darkroom.images";
    static final String FAILURES = "darkroom.image.failures";
    /** The label of an image no provider could be asked about (none configured, or every circuit open). */
    static final String NO_PROVIDER = "none";

    private final MeterRegistry registry;

    public ImageMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void succeeded(String provider, ImageKind kind) {
        images("succeeded", provider, kind).increment();
    }

    public void failed(String provider, ImageKind kind, String code) {
        images("failed", provider, kind).increment();
        Counter.builder(FAILURES)
                .description("Images that failed for good on their attempt, by error code")
                .tag("code", code == null ? "unknown" : code)
                .register(registry)
                .increment();
    }

    private Counter images(String outcome, String provider, ImageKind kind) {
        return Counter.builder(IMAGES)
                .description("Images generated, by outcome, the provider that had the last word, and kind")
                .tag("outcome", outcome)
                .tag("provider", provider == null ? NO_PROVIDER : provider)
                .tag("kind", kind.name().toLowerCase())
                .register(registry);
    }
}
