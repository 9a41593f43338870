package dev.darkroom.metrics;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.darkroom.security.Scopes;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;

import java.util.List;

/**
 * The providers panel: each provider's circuit and its calls over the last minutes, as this node's worker saw them.
 * Circuits and rate limits live in each worker, so every node answers for itself, as {@code /metrics} does, whatever
 * its roles; a node without the worker role calls no provider and says so. Nothing here reads the database.
 */
@Controller("/v1/ops/providers")
@SecurityRequirement(name = "bearer")
@Secured(Scopes.OPS_READ)
public class ProvidersController {

    private final ProviderMetrics providers;
    private final boolean worker;

    public ProvidersController(ProviderMetrics providers,
                               @Value("${darkroom.roles.worker:true}") boolean worker) {
        this.providers = providers;
        this.worker = worker;
    }

    /**
     * @param workerRole whether this node runs the worker role: without it, it calls no provider
     * @param providers  this node's providers, in the order its worker tries them
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Panel(boolean workerRole, List<ProviderMetrics.Recent> providers) {
    }

    /** This node's providers: circuit, calls, errors, refusals and rate-limit waits over the last windowSeconds. */
    @ApiResponse(responseCode = "200", description = "This node's providers over the last windowSeconds.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Panel.class)))
    @ApiResponse(responseCode = "401", ref = "Unauthorized")
    @ApiResponse(responseCode = "403", ref = "Forbidden")
    @Get(produces = MediaType.APPLICATION_JSON)
    public Panel providers() {
        return new Panel(worker, worker ? providers.recent() : List.of());
    }
}
