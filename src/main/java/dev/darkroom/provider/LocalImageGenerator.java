package dev.darkroom.provider;

import dev.darkroom.image.ImageProperties;
import dev.darkroom.image.JpegEncoder;
import dev.darkroom.render.SceneRenderer;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.awt.image.BufferedImage;
import java.time.Duration;
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
        long latency = behaviour.latency().toMillis() + jitterMillis(request.imageId(), behaviour.latencyJitter());
        long started = System.nanoTime();
        if (behaviour.failIds().contains(request.imageId())) {
            sleep(latency);
            throw ProviderException.refusal("content_policy", "the local generator is configured to refuse "
                    + request.imageId());
        }
        if (behaviour.failRate() > 0 && ThreadLocalRandom.current().nextDouble() < behaviour.failRate()) {
            sleep(latency);
            throw ProviderException.transientFailure("unavailable", "simulated transient failure");
        }
        BufferedImage picture = renderer.render(request.kind(), request.image().name(), request.image().description(),
                format.width(), format.height());
        byte[] jpeg = JpegEncoder.toJpeg(picture, format.width(), format.height(), format.quality());
        // A provider's latency is the whole answer, its drawing included: waiting it out after drawing would make
        // every image take latency plus render time, and a run slower than its provider.
        sleep(waitAfterRender(latency, (System.nanoTime() - started) / 1_000_000));
        return new GeneratedImage(jpeg, ImageNormalizer.JPEG, format.width(), format.height());
    }

    /** What is left of an image's latency once it is drawn; nothing when drawing took longer. */
    static long waitAfterRender(long latencyMillis, long renderMillis) {
        return Math.max(0, latencyMillis - renderMillis);
    }

    /**
     * The extra time one image waits, 0 to {@code jitter}, drawn from its id: one id always waits the same, so a
     * benchmark can compare a run with lock-step batches over the very same latencies.
     */
    public static long jitterMillis(String imageId, Duration jitter) {
        long bound = jitter.toMillis();
        if (bound <= 0) {
            return 0;
        }
        // String.hashCode is fixed by the language; the finalizer of SplitMix64 spreads ids that differ by a digit.
        long h = imageId.hashCode() * 0x9E3779B97F4A7C15L;
        h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
        h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
        h ^= h >>> 31;
        return Math.floorMod(h, bound + 1);
    }

    private static void hang() {
        LOG.debug("simulating a provider that never answers");
        sleep(Long.MAX_VALUE);
    }

    /** Stands in for a provider's wait; the worker's timeout interrupts it like any slow call. */
    private static void sleep(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ProviderException.transientFailure("interrupted", "generation was interrupted");
        }
    }
}
