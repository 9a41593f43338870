package dev.darkroom.worker;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.darkroom.problem.Problem;
import dev.darkroom.problem.ProblemException;
import dev.darkroom.problem.Violations;
import dev.darkroom.provider.GeneratedImage;
import dev.darkroom.run.RunReport;
import dev.darkroom.run.RunRequest;
import dev.darkroom.run.SignedRequests;
import dev.darkroom.security.RunKey;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.JsonMapper;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The worker's door: a signed run is accepted at once and generated in the background. Only a dispatcher holding
 * the run secret can start work; a worker already running its limit of runs says 429 (busy), and the dispatcher
 * holds the run until there is room, without counting it as a failed send.
 */
@Controller("/internal/runs")
@SecurityRequirement(name = "standardWebhooks")
@Secured(SecurityRule.IS_ANONYMOUS) // no bearer token: every run is signature-checked instead
@Requires(property = "darkroom.roles.worker", notEquals = "false")
public class RunController {

    /** Seconds a busy worker asks the dispatcher to wait before it offers a run again. */
    private static final String BUSY_RETRY_AFTER = "5";

    private final RunExecutor executor;
    private final RunRegistry registry;
    private final SignedRequests signatures;
    private final RunKey key;
    private final JsonMapper json;
    private final WorkerProperties properties;
    private final Violations violations;

    public RunController(RunExecutor executor, RunRegistry registry, SignedRequests signatures, RunKey key,
                         JsonMapper json, WorkerProperties properties, Violations violations) {
        this.violations = violations;
        this.executor = executor;
        this.registry = registry;
        this.signatures = signatures;
        this.key = key;
        this.json = json;
        this.properties = properties;
    }

    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RunRequest.class)))
    @ApiResponse(responseCode = "202", description = "The run is taken (started false: this worker already had it).",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Accepted.class)))
    @ApiResponse(responseCode = "400", ref = "BadRequest")
    @ApiResponse(responseCode = "401", ref = "Unauthorized")
    @ApiResponse(responseCode = "413", ref = "TooLarge")
    @ApiResponse(responseCode = "422", ref = "Invalid")
    @ApiResponse(responseCode = "429", ref = "TooManyRequests")
    @ApiResponse(responseCode = "503", ref = "Unavailable")
    @Post(consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<Accepted> accept(HttpRequest<?> request, @Parameter(hidden = true) @Body byte[] body) {
        signatures.verify(request.getHeaders(), body, List.of(key.bytes()));
        RunRequest run = parse(body);
        RunRegistry.Admission admission = executor.start(run);
        if (admission == RunRegistry.Admission.FULL) {
            throw new ProblemException(HttpStatus.TOO_MANY_REQUESTS, "too-many-runs",
                    "this worker already runs " + properties.maxRuns() + " runs", List.of(),
                    Map.of(HttpHeaders.RETRY_AFTER, BUSY_RETRY_AFTER));
        }
        if (admission == RunRegistry.Admission.DRAINING) {
            // 503 is busy to a dispatcher: it holds the run, no try used, and offers it again (here, after the
            // restart, or to another worker behind the same address).
            throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "draining",
                    "this worker is shutting down and takes no new runs", List.of(),
                    Map.of(HttpHeaders.RETRY_AFTER, BUSY_RETRY_AFTER));
        }
        String worker = properties.advertisedUrl() != null && !properties.advertisedUrl().isBlank()
                ? properties.advertisedUrl() : null;
        return HttpResponse.accepted().body(new Accepted(run.runId(), admission == RunRegistry.Admission.STARTED,
                worker));
    }

    /** The answer to a run: taken, whether it started now, and where this worker can be asked about it. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Accepted(String runId, boolean started, @Nullable String worker) {
    }

    /** What this worker holds of a run: recovery pulls it when the run's webhooks went quiet. */
    @ApiResponse(responseCode = "401", ref = "Unauthorized")
    @ApiResponse(responseCode = "404", ref = "NotFound")
    @Get(uri = "/{runId}", produces = MediaType.APPLICATION_JSON)
    public RunReport report(HttpRequest<?> request, String runId) {
        verifyBodiless(request);
        return find(runId).report();
    }

    /** The bytes of an image whose webhook the receiver never got. */
    @ApiResponse(responseCode = "401", ref = "Unauthorized")
    @ApiResponse(responseCode = "404", ref = "NotFound")
    @Get(uri = "/{runId}/images/{imageId}", produces = MediaType.APPLICATION_OCTET_STREAM)
    public HttpResponse<byte[]> image(HttpRequest<?> request, String runId, String imageId) {
        verifyBodiless(request);
        GeneratedImage image = find(runId).heldImage(imageId)
                .orElseThrow(() -> ProblemException.notFound("run " + runId + " holds no image " + imageId));
        return HttpResponse.ok(image.data()).contentType(image.contentType());
    }

    /** Stops a run whose job was canceled. */
    @ApiResponse(responseCode = "204", description = "The run is stopped.")
    @ApiResponse(responseCode = "401", ref = "Unauthorized")
    @ApiResponse(responseCode = "404", ref = "NotFound")
    @Delete(uri = "/{runId}")
    public HttpResponse<Void> cancel(HttpRequest<?> request, String runId) {
        verifyBodiless(request);
        return executor.cancel(runId) ? HttpResponse.noContent() : HttpResponse.notFound();
    }

    private Run find(String runId) {
        return registry.find(runId).orElseThrow(() -> ProblemException.notFound("this worker has no run " + runId));
    }

    private void verifyBodiless(HttpRequest<?> request) {
        signatures.verify(request.getHeaders(), SignedRequests.bodiless(request.getMethodName(), request.getPath()),
                List.of(key.bytes()));
    }

    private RunRequest parse(byte[] body) {
        RunRequest run;
        try {
            run = json.readValue(body, RunRequest.class);
        } catch (IOException | RuntimeException e) {
            throw notARun();
        }
        if (run == null) {
            throw notARun();
        }
        // The bounds are RunRequest's and ImageSpec's constraints; every field that breaks one is named at once.
        return violations.valid(run);
    }

    private static ProblemException notARun() {
        return ProblemException.invalid(List.of(new Problem.FieldError("body", "is not a run")));
    }
}
