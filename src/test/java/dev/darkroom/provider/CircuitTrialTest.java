package dev.darkroom.provider;

import dev.darkroom.metrics.ProviderMetrics;
import dev.darkroom.run.ImageKind;
import dev.darkroom.run.ImageSpec;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class CircuitTrialTest {

    private static final ImageRequest REQUEST = new ImageRequest("job-1", "run-1",
            new ImageSpec("img-1", ImageKind.EVIDENCE, "a key", "a brass key"));
    private static final GeneratedImage IMAGE = new GeneratedImage(new byte[] {1}, "image/png", 1, 1);

    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicBoolean down = new AtomicBoolean(true);
    private final CountDownLatch answer = new CountDownLatch(1);
    private final ExecutorService callers = Executors.newFixedThreadPool(10);

    /** Fails while down; once up, every call waits for the test's go before it answers. */
    private final ImageProvider provider = new ImageProvider() {
        @Override
        public String name() {
            return "flaky";
        }

        @Override
        public GeneratedImage generate(ImageRequest request) {
            calls.incrementAndGet();
            if (down.get()) {
                throw ProviderException.transientFailure("server_error", "503");
            }
            try {
                answer.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return IMAGE;
        }
    };

    private final ProviderChain.Route route = new ProviderChain.Route(provider,
            new LocalRateLimiter(0, 0, Duration.ofSeconds(1)),
            new ProvidersProperties(List.of("flaky"), 3, Duration.ofMillis(200), null, Duration.ofMillis(250)),
            new ProviderMetrics(new SimpleMeterRegistry()));

    @AfterEach
    void stop() {
        answer.countDown();
        callers.shutdownNow();
    }

    @Test
    void failuresInARowOpenTheCircuitAndItsImagesGoElsewhereWithoutACall() {
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(this::call).hasFieldOrPropertyWithValue("code", "server_error");
        }

        assertThat(route.circuitOpen()).isTrue();
        assertThatThrownBy(this::call).hasFieldOrPropertyWithValue("code", ProviderChain.Route.CIRCUIT_OPEN);
        assertThat(calls).hasValue(3);
    }

    @Test
    void whenTheOpenTimeIsOverOnlyTwoTrialCallsReachTheProviderNotEveryImageThatWaited() {
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(this::call).isInstanceOf(ProviderException.class);
        }
        down.set(false);
        AtomicInteger sentElsewhere = new AtomicInteger();
        AtomicInteger made = new AtomicInteger();
        for (int i = 0; i < 10; i++) {
            callers.execute(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    try {
                        call();
                        made.incrementAndGet();
                        return;
                    } catch (ProviderException e) {
                        sentElsewhere.incrementAndGet();
                    }
                }
            });
        }

        await("the trial calls").atMost(Duration.ofSeconds(10)).until(() -> calls.get() == 3 + 2);
        int refusedBefore = sentElsewhere.get();
        await("more images sent elsewhere while the trials are out").atMost(Duration.ofSeconds(10))
                .until(() -> sentElsewhere.get() > refusedBefore + 50);
        assertThat(calls).as("calls while the trials are out").hasValue(3 + 2);

        answer.countDown();
        await("every image, once the trials succeeded").atMost(Duration.ofSeconds(10)).until(() -> made.get() == 10);
        assertThat(route.circuitOpen()).isFalse();
    }

    private GeneratedImage call() {
        return route.generate(REQUEST, false, request -> route.provider().generate(request));
    }
}
