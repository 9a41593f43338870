package dev.darkroom.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;

/**
 * Webhooks from worker to receiver. A worker counts its deliveries ({@code darkroom_webhook_deliveries_total}); a
 * receiver times each event it applied from the moment the worker created it ({@code darkroom_webhook_latency_seconds}),
 * by the event's own timestamp, so retries and a receiver outage show in the figure.
 */
@Singleton
public class WebhookMetrics {

    private static final Duration[] LATENCY_BUCKETS = {
            Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2),
            Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60),
            Duration.ofMinutes(5), Duration.ofMinutes(15)};

    private final Counter delivered;
    private final Counter retried;
    private final Counter givenUp;
    private final Timer latency;

    public WebhookMetrics(MeterRegistry registry) {
        this.delivered = deliveries("delivered", registry);
        this.retried = deliveries("retried", registry);
        this.givenUp = deliveries("given_up", registry);
        this.latency = Timer.builder("darkroom.webhook.latency")
                .description("From an event's creation on the worker to its application by the receiver")
                .serviceLevelObjectives(LATENCY_BUCKETS)
                .register(registry);
    }

    private static Counter deliveries(String outcome, MeterRegistry registry) {
        return Counter.builder("darkroom.webhook.deliveries")
                .description("Webhook events a worker sent: delivered, retried (one count per retry), given up")
                .tag("outcome", outcome)
                .register(registry);
    }

    public void delivered() {
        delivered.increment();
    }

    public void retried() {
        retried.increment();
    }

    public void givenUp() {
        givenUp.increment();
    }

    /** The receiver applied an event created at {@code created}; clocks a little apart never make it negative. */
    public void applied(Instant created, Instant now) {
        Duration took = Duration.between(created, now);
        latency.record(took.isNegative() ? Duration.ZERO : took);
    }
}
