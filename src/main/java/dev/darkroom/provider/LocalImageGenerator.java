package dev.darkroom.provider;

import dev.darkroom.image.ImageProperties;
import dev.darkroom.image.JpegEncoder;
import dev.darkroom.render.SceneRenderer;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.awt.image.BufferedImage;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The default provider: renders a real picture from the item's name and description with Java2D, offline and
 * deterministic for one prompt. Its latency and failures are configurable to stand in for a real provider.
 */
@Singleton
public class LocalImageGenerator implements ImageProvider {

    private static final Logger LOG = LoggerFactory.getLogger(LocalImageGenerator.class);

    private final SceneRenderer renderer = new SceneRenderer();
    private final LocalGeneratorProperties behaviour;
    private final ImageProperties format;

    public LocalImageGenerator(LocalGeneratorProperties behaviour, ImageProperties format) {
        this.behaviour = behaviour;
        this.format = format;
    }

    @Override
    public String name() {
        return "local";
    }

    @Override
    public ProviderPolicy policy() {
        return new ProviderPolicy(behaviour.requestsPerMinute(), behaviour.maxInFlight(), behaviour.pricePerImage());
    }

    @Override
    public GeneratedImage generate(ImageRequest request) {
        if (behaviour.hangIds().contains(request.imageId())) {
            hang();
        }
        pause();
        if (behaviour.failIds().contains(request.imageId())) {
            throw ProviderException.refusal("content_policy", "the local generator is configured to refuse "
                    + request.imageId());
        }
        if (behaviour.failRate() > 0 && ThreadLocalRandom.current().nextDouble() < behaviour.failRate()) {
            throw ProviderException.transientFailure("unavailable", "simulated transient failure");
        }
        BufferedImage picture = renderer.render(request.kind(), request.image().name(), request.image().description(),
                format.width(), format.height());
        byte[] jpeg = JpegEncoder.toJpeg(picture, format.width(), format.height(), format.quality());
        return new GeneratedImage(jpeg, ImageNormalizer.JPEG, format.width(), format.height());
    }

    private void pause() {
        long millis = behaviour.latency().toMillis();
        long jitter = behaviour.latencyJitter().toMillis();
        if (jitter > 0) {
            millis += ThreadLocalRandom.current().nextLong(jitter + 1);
        }
        if (millis > 0) {
            sleep(millis);
        }
    }

    private static void hang() {
        LOG.debug("simulating a provider that never answers");
        sleep(Long.MAX_VALUE);
    }

    /** Stands in for a provider's wait; the worker's timeout interrupts it like any slow call. */
    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ProviderException.transientFailure("interrupted", "generation was interrupted");
        }
    }
}
