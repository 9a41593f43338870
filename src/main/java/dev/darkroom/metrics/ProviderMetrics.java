package dev.darkroom.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One provider as the worker sees it: its calls by outcome, the time a successful call took, whether its circuit
 * holds calls off, and the time callers spent held back by its rate limits. Each worker node exposes its own.
 */
@Singleton
public class ProviderMetrics {

    /** Generation times worth telling apart: a local picture takes milliseconds, a remote model up to minutes. */
    private static final Duration[] GENERATION_BUCKETS = {
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10),
            Duration.ofSeconds(20), Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(120)};

    private final MeterRegistry registry;

    public ProviderMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** The recorder of one provider; {@code circuitOpen} is read at each scrape. */
    public Recorder of(String provider, BooleanSupplier circuitOpen) {
        Gauge.builder("darkroom.provider.circuit.open", circuitOpen, open -> open.getAsBoolean() ? 1 : 0)
                .description("1 while the provider's circuit holds calls off (open or trying it again), else 0")
                .tag("provider", provider)
                .strongReference(true)
                .register(registry);
        return new Recorder(provider, registry);
    }

    /** Meters bound to one provider, so a call records without looking anything up. */
    public static final class Recorder {
        private final Counter succeeded;
        private final Counter failed;
        private final Counter refused;
        private final Timer generation;
        private final Counter rateLimited;

        private Recorder(String provider, MeterRegistry registry) {
            this.succeeded = calls(provider, "succeeded", registry);
            this.failed = calls(provider, "failed", registry);
            this.refused = calls(provider, "refused", registry);
            this.generation = Timer.builder("darkroom.image.generation")
                    .description("Successful provider calls: from the request going out to the normalized image")
                    .tag("provider", provider)
                    .serviceLevelObjectives(GENERATION_BUCKETS)
                    .register(registry);
            this.rateLimited = Counter.builder("darkroom.provider.rate.limited")
                    .baseUnit("seconds")
                    .description("Time calls waited for the provider's rate limits (requests per minute, in "
                            + "flight, a 429's pause)")
                    .tag("provider", provider)
                    .register(registry);
        }

        private static Counter calls(String provider, String outcome, MeterRegistry registry) {
            return Counter.builder("darkroom.provider.calls")
                    .description("Calls to the provider: succeeded, failed (transient: timeout, 5xx, 429) or refused "
                            + "(final: content policy, bad request, unusable output)")
                    .tag("provider", provider)
                    .tag("outcome", outcome)
                    .register(registry);
        }

        /** The call brought an image, after {@code nanos}. */
        public void succeeded(long nanos) {
            succeeded.increment();
            generation.record(nanos, TimeUnit.NANOSECONDS);
        }

        public void failed(boolean retryable) {
            (retryable ? failed : refused).increment();
        }

        public void waitedForLimits(long nanos) {
            rateLimited.increment(nanos / 1e9);
        }
    }
}
