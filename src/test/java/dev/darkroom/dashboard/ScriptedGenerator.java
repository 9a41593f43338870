package dev.darkroom.dashboard;

import dev.darkroom.image.ImageProperties;
import dev.darkroom.provider.GeneratedImage;
import dev.darkroom.provider.ImageProvider;
import dev.darkroom.provider.ImageRequest;
import dev.darkroom.provider.LocalGeneratorProperties;
import dev.darkroom.provider.LocalImageGenerator;
import dev.darkroom.provider.ProviderException;
import dev.darkroom.provider.ProviderPolicy;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The local generator, its real pictures included, with two things a browser test must decide rather than time:
 * an image held until the test lets it go (to see the page before and after), and an image refused on its first
 * try only, as a content-policy refusal, so that a retry of the partial job makes it and the job completes.
 */
@Singleton
@Replaces(LocalImageGenerator.class)
@Requires(property = "scripted-generator", value = "true")
class ScriptedGenerator implements ImageProvider {

    private final LocalImageGenerator pictures;
    private final Set<String> refusedOnce = ConcurrentHashMap.newKeySet();
    private final Set<String> refusedAlways = ConcurrentHashMap.newKeySet();
    private final Set<String> tried = ConcurrentHashMap.newKeySet();
    private final Map<String, CountDownLatch> held = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

    ScriptedGenerator(LocalGeneratorProperties behaviour, ImageProperties format) {
        this.pictures = new LocalImageGenerator(behaviour, format);
    }

    @Override
    public String name() {
        return pictures.name();
    }

    @Override
    public ProviderPolicy policy() {
        return pictures.policy();
    }

    @Override
    public GeneratedImage generate(ImageRequest request) {
        String image = request.imageId();
        calls.computeIfAbsent(image, id -> new AtomicInteger()).incrementAndGet();
        CountDownLatch gate = held.get(image);
        if (gate != null) {
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw ProviderException.transientFailure("interrupted", "generation was interrupted");
            }
        }
        if (refusedAlways.contains(image)
                || (refusedOnce.contains(image) && tried.add(request.jobId() + "/" + image))) {
            throw ProviderException.refusal("content_policy", "the picture of " + request.image().name()
                    + " was refused by the provider's content policy");
        }
        return pictures.generate(request);
    }

    /** Image ids are the test's own, distinct across its cases, so one id names one image of one job. */
    void refuseFirstTry(String imageId) {
        refusedOnce.add(imageId);
    }

    void refuseAlways(String imageId) {
        refusedAlways.add(imageId);
    }

    void hold(String imageId) {
        held.put(imageId, new CountDownLatch(1));
    }

    void release(String imageId) {
        CountDownLatch gate = held.remove(imageId);
        if (gate != null) {
            gate.countDown();
        }
    }

    /** How many times the image was asked for, over every job and attempt. */
    int calls(String imageId) {
        AtomicInteger count = calls.get(imageId);
        return count == null ? 0 : count.get();
    }

    void releaseAll() {
        Set.copyOf(held.keySet()).forEach(this::release);
    }
}
