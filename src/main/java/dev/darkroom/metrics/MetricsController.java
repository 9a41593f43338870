package dev.darkroom.metrics;

import dev.darkroom.security.Scopes;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;

import java.util.List;

/**
 * The node's metrics in Prometheus text format, on the main port, for a bearer token with {@code ops:read}: one
 * port and one way in for everything the node serves, so nothing is open that a token does not guard. Samples
 * taken from the database are read once per scrape ({@link Sampled}), off the event loop.
 */
@Controller("/metrics")
@Secured(Scopes.OPS_READ)
public class MetricsController {

    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry;
    private final List<Sampled> sampled;

    public MetricsController(PrometheusMeterRegistry registry, List<Sampled> sampled) {
        this.registry = registry;
        this.sampled = sampled;
    }

    @Get(produces = PROMETHEUS_TEXT)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public String scrape() {
        sampled.forEach(Sampled::sample);
        return registry.scrape();
    }
}
