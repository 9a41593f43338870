package dev.darkroom.ops;

import dev.darkroom.StopRequested;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.core.order.Ordered;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

import java.util.Map;

/**
 * Readiness goes DOWN the moment the node is asked to stop, so a load balancer sends it nothing more while its
 * worker drains the images in flight and its dispatcher stops claiming. It hears {@link StopRequested} before any
 * other listener: the worker's drain holds that event for up to its drain timeout.
 */
@Singleton
public class DrainIndicator implements HealthIndicator, ApplicationEventListener<StopRequested>, Ordered {

    static final String NAME = "drain";

    private volatile boolean draining;

    @Override
    public void onApplicationEvent(StopRequested event) {
        draining = true;
    }

    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        return Publishers.just(HealthResult.builder(NAME, draining ? HealthStatus.DOWN : HealthStatus.UP)
                .details(Map.of("draining", draining))
                .build());
    }
}
