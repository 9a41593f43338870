package dev.darkroom.provider;

import dev.darkroom.metrics.ProviderMetrics;
import dev.darkroom.run.ImageKind;
import dev.darkroom.run.ImageSpec;
import dev.darkroom.support.TestClock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What one provider's route records: its calls by outcome, its circuit, and the time its limits held calls back. */
class ProviderMetricsTest {

    private static final GeneratedImage IMAGE = new GeneratedImage(new byte[] {1}, "image/jpeg", 1, 1);
    private static final ImageRequest REQUEST = new ImageRequest("job-1", "run-1",
            new ImageSpec("img-1", ImageKind.EVIDENCE, "A key", "A brass key"));

    private final MeterRegistry registry = new SimpleMeterRegistry();
    private final TestClock clock = new TestClock();
    private final ProviderMetrics metrics = new ProviderMetrics(registry, clock);
    private final AtomicBoolean down = new AtomicBoolean();
    private final RateLimiter limiter = new RateLimiter(0, 0, Duration.ofSeconds(5));
    private final ProviderChain.Route route = new ProviderChain.Route(new ImageProvider() {
        @Override
        public String name() {
            return "flaky";
        }

        @Override
        public GeneratedImage generate(ImageRequest request) {
            if (down.get()) {
                throw ProviderException.transientFailure("unavailable", "503");
            }
            return IMAGE;
        }
    }, limiter, new ProvidersProperties(List.of("flaky"), 2, Duration.ofMinutes(1), null, Duration.ofSeconds(1)),
            metrics);

    @Test
    void callsAreCountedByOutcomeAndTheCircuitShowsOpenOnceFailuresOpenIt() {
        route.generate(REQUEST, false, route.provider()::generate);
        assertThat(circuitOpen()).isZero();

        down.set(true);
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> route.generate(REQUEST, false, route.provider()::generate))
                    .isInstanceOf(ProviderException.class);
        }

        assertThat(circuitOpen()).isEqualTo(1);
        assertThat(calls("succeeded")).isEqualTo(1);
        assertThat(calls("failed")).isEqualTo(2);
        assertThat(calls("refused")).isZero();
        assertThat(registry.get("darkroom.image.generation").tag("provider", "flaky").timer().count()).isEqualTo(1);
    }

    @Test
    void aPauseTheProviderImposedCountsAsTimeRateLimited() {
        limiter.pause(Duration.ofMillis(300));

        route.generate(REQUEST, false, route.provider()::generate);

        assertThat(registry.get("darkroom.provider.rate.limited").tag("provider", "flaky").counter().count())
                .isGreaterThanOrEqualTo(0.25);
    }

    @Test
    void thePanelShowsTheCircuitAndTheCallsOfTheLastFiveMinutesOnly() {
        route.generate(REQUEST, false, route.provider()::generate);
        down.set(true);
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> route.generate(REQUEST, false, route.provider()::generate))
                    .isInstanceOf(ProviderException.class);
        }

        assertThat(metrics.recent()).singleElement().satisfies(panel -> {
            assertThat(panel.name()).isEqualTo("flaky");
            assertThat(panel.circuit()).isEqualTo("open");
            assertThat(panel.calls()).isEqualTo(3);
            assertThat(panel.errors()).isEqualTo(2);
            assertThat(panel.refusals()).isZero();
            assertThat(panel.windowSeconds()).isEqualTo(300);
        });
        clock.advance(Duration.ofMinutes(4));
        assertThat(metrics.recent().get(0).calls()).as("still within the window").isEqualTo(3);
        clock.advance(Duration.ofMinutes(1).plusSeconds(10));
        assertThat(metrics.recent().get(0).calls()).as("past the window").isZero();
        assertThat(metrics.recent().get(0).errors()).isZero();
    }

    @Test
    void thePanelCountsTheCallsThatWaitedForTheLimitsAndForHowLong() {
        route.generate(REQUEST, false, route.provider()::generate);
        limiter.pause(Duration.ofMillis(300));

        route.generate(REQUEST, false, route.provider()::generate);

        ProviderMetrics.Recent panel = metrics.recent().get(0);
        assertThat(panel.circuit()).isEqualTo("closed");
        assertThat(panel.calls()).isEqualTo(2);
        assertThat(panel.rateLimitWaits()).isEqualTo(1);
        assertThat(panel.rateLimitWaitSeconds()).isGreaterThanOrEqualTo(0.25);
    }

    private double circuitOpen() {
        return registry.get("darkroom.provider.circuit.open").tag("provider", "flaky").gauge().value();
    }

    private double calls(String outcome) {
        return registry.get("darkroom.provider.calls").tags("provider", "flaky", "outcome", outcome).counter().count();
    }
}
