package dev.darkroom.worker;

import dev.darkroom.provider.GeneratedImage;
import dev.darkroom.provider.ImageNormalizer;
import dev.darkroom.provider.ImageProvider;
import dev.darkroom.provider.ImageRequest;
import dev.darkroom.provider.LocalImageGenerator;
import dev.darkroom.support.Pictures;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/**
 * Stands in for the local generator where a test must say when each image ends: a call starts, is written down,
 * and returns a real 512×512 JPEG only once the test releases its image. No timing decides anything.
 */
@Singleton
@Replaces(LocalImageGenerator.class)
@Requires(property = "latched-provider", value = "true")
class LatchedProvider implements ImageProvider {

    private static final byte[] PICTURE = Pictures.jpeg(512, 512);

    private final List<String> started = new CopyOnWriteArrayList<>();
    private final Map<String, CountDownLatch> gates = new ConcurrentHashMap<>();

    @Override
    public String name() {
        return "local";
    }

    @Override
    public GeneratedImage generate(ImageRequest request) {
        started.add(request.imageId());
        try {
            gate(request.imageId()).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        return new GeneratedImage(PICTURE, ImageNormalizer.JPEG, 512, 512);
    }

    /** The images whose call has begun, in the order they began. */
    List<String> started() {
        return List.copyOf(started);
    }

    void release(String imageId) {
        gate(imageId).countDown();
    }

    void releaseAll() {
        gates.values().forEach(CountDownLatch::countDown);
    }

    private CountDownLatch gate(String imageId) {
        return gates.computeIfAbsent(imageId, id -> new CountDownLatch(1));
    }
}
