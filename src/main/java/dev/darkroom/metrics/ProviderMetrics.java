package dev.darkroom.metrics;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One provider as the worker sees it: its calls by outcome, the time a successful call took, whether its circuit
 * holds calls off, and the time callers spent held back by its rate limits. Each worker node exposes its own, to
 * Prometheus and, over the last minutes, to the providers panel ({@link #recent()}).
 */
@Singleton
public class ProviderMetrics {

    /** Generation times worth telling apart: a local picture takes milliseconds, a remote model up to minutes. */
    private static final Duration[] GENERATION_BUCKETS = {
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10),
            Duration.ofSeconds(20), Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(120)};

    private final MeterRegistry registry;
    private final Clock clock;
    private final List<Recorder> recorders = new CopyOnWriteArrayList<>();

    public ProviderMetrics(MeterRegistry registry) {
        this(registry, Clock.systemUTC());
    }

    @Inject
    public ProviderMetrics(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    /** Where a provider's circuit stands, as the panel names it. */
    public enum Circuit {
        CLOSED, OPEN, HALF_OPEN;

        public String wireName() {
            return name().toLowerCase();
        }
    }

    /** One provider over the last {@code windowSeconds}: see docs/api.md, "Providers panel". */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Recent(String name, String circuit, long calls, long errors, long refusals, long rateLimitWaits,
                         double rateLimitWaitSeconds, long windowSeconds) {
    }

    /** The recorder of one provider; {@code circuit} is read at each scrape and each look at the panel. */
    public Recorder of(String provider, Supplier<Circuit> circuit) {
        Gauge.builder("darkroom.provider.circuit.open", circuit, state -> state.get() == Circuit.CLOSED ? 0 : 1)
                .description("1 while the provider's circuit holds calls off (open or trying it again), else 0")
                .tag("provider", provider)
                .strongReference(true)
                .register(registry);
        Recorder recorder = new Recorder(provider, circuit, registry, new RecentCalls(clock));
        // A provider set up again (a new chain) replaces its old recorder in the panel.
        recorders.removeIf(old -> old.provider.equals(provider));
        recorders.add(recorder);
        return recorder;
    }

    /** Every provider of this node, in the order they were set up (the chain's), over the last minutes. */
    public List<Recent> recent() {
        return recorders.stream().map(Recorder::recent).toList();
    }

    /** Meters bound to one provider, so a call records without looking anything up. */
    public static final class Recorder {
        private final String provider;
        private final Supplier<Circuit> circuit;
        private final RecentCalls recent;
        private final Counter succeeded;
        private final Counter failed;
        private final Counter refused;
        private final Timer generation;
        private final Counter rateLimited;

        private Recorder(String provider, Supplier<Circuit> circuit, MeterRegistry registry, RecentCalls recent) {
            this.provider = provider;
            this.circuit = circuit;
            this.recent = recent;
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
            recent.succeeded();
        }

        public void failed(boolean retryable) {
            (retryable ? failed : refused).increment();
            recent.failed(retryable);
        }

        public void waitedForLimits(long nanos) {
            rateLimited.increment(nanos / 1e9);
            recent.waited(nanos);
        }

        private Recent recent() {
            RecentCalls.Totals totals = recent.totals();
            return new Recent(provider, circuit.get().wireName(), totals.calls(), totals.errors(), totals.refusals(),
                    totals.rateLimitWaits(), totals.rateLimitWaitSeconds(), RecentCalls.window().toSeconds());
        }
    }
}
