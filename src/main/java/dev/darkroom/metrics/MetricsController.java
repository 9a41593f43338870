package dev.darkroom.metrics;

import dev.darkroom.security.Scopes;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;

import java.util.List;

/**
 * The node's metrics in Prometheus text format, on the main port, for a bearer token with {@code ops:read}: one
 * port and one way in for everything the node serves, so nothing is open that a token does not guard. Samples
 * taken from the database are read once per scrape ({@link Sampled}), off the event loop.
 */
@Controller("/metrics")
@Secured(Scopes.OPS_READ)
@SecurityRequirement(name = "bearer")
public class MetricsController {

    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry;
    private final List<Sampled> sampled;

    public MetricsController(PrometheusMeterRegistry registry, List<Sampled> sampled) {
        this.registry = registry;
        this.sampled = sampled;
    }

    @ApiResponse(responseCode = "200", description = "The node's metrics, Prometheus text format 0.0.4.",
            content = @Content(mediaType = PROMETHEUS_TEXT, schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "401", ref = "Unauthorized")
    @ApiResponse(responseCode = "403", ref = "Forbidden")
    @Get(produces = PROMETHEUS_TEXT)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public String scrape() {
        sampled.forEach(Sampled::sample);
        return registry.scrape();
    }
}
