package dev.darkroom.provider.fal;

import dev.darkroom.problem.Problem;
import dev.darkroom.problem.ProblemException;
import dev.darkroom.provider.ProviderHttp;
import dev.darkroom.provider.prediction.PredictionIds;
import dev.darkroom.provider.prediction.PredictionStore;
import dev.darkroom.run.Applied;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * fal's completion webhooks, signed with Ed25519. Like Replicate's, the webhook only marks the request done; the
 * worker waiting on it downloads the image and reports it through the one idempotent job update.
 */
@SecurityRequirement(name = "falSignature")
@Controller(FalCallbackController.PROVIDERS)
@Secured(SecurityRule.IS_ANONYMOUS) // no bearer token: every callback is signature-checked instead
@Requires(property = "darkroom.roles.receiver", notEquals = "false")
@Requires(property = "darkroom.providers.fal.api-key", pattern = ".+")
public class FalCallbackController {

    static final String PROVIDERS = "/v1/webhooks/providers";
    static final String FAL = "/fal";
    /** Where fal delivers its callbacks, as the intake guard matches it. */
    public static final String ROUTE = PROVIDERS + FAL;

    private final FalWebhookVerifier verifier;
    private final PredictionStore predictions;
    private final JsonMapper json;

    public FalCallbackController(FalWebhookVerifier verifier, PredictionStore predictions, JsonMapper json) {
        this.verifier = verifier;
        this.predictions = predictions;
        this.json = json;
    }

    @ApiResponse(responseCode = "400", ref = "BadRequest")
    @ApiResponse(responseCode = "401", ref = "Unauthorized")
    @ApiResponse(responseCode = "404", ref = "NotFound")
    @ApiResponse(responseCode = "413", ref = "TooLarge")
    @ApiResponse(responseCode = "422", ref = "Invalid")
    @ApiResponse(responseCode = "503", ref = "Unavailable")
    @Post(uri = FAL, consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<Applied> fal(HttpRequest<?> request, @Body byte[] body) {
        String signedId = verifier.verify(request.getHeaders(), body);
        String idProblem = PredictionIds.problem(signedId);
        if (idProblem != null) {
            throw ProblemException.invalid(List.of(new Problem.FieldError(FalWebhookVerifier.REQUEST_ID, idProblem)));
        }
        JsonNode webhook;
        try {
            webhook = json.readValue(body, JsonNode.class);
        } catch (IOException | RuntimeException e) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "bad-request", "the body is not a fal webhook");
        }
        // The signature covers the header's id; a body that speaks of another request must not complete that one.
        String id = ProviderHttp.text(webhook, "request_id");
        if (id != null && !id.equals(signedId)) {
            throw ProblemException.invalid(List.of(new Problem.FieldError("request_id",
                    "does not match the signed " + FalWebhookVerifier.REQUEST_ID)));
        }
        PredictionStore.Completion done = predictions.complete(FalImageProvider.NAME, signedId,
                FalResults.ofWebhook(webhook));
        if (done == PredictionStore.Completion.UNKNOWN) {
            throw ProblemException.notFound("no fal request " + signedId);
        }
        return HttpResponse.ok(new Applied(done == PredictionStore.Completion.APPLIED));
    }
}
