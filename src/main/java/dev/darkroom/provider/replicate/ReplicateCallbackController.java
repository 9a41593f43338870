package dev.darkroom.provider.replicate;

import dev.darkroom.problem.Problem;
import dev.darkroom.problem.ProblemException;
import dev.darkroom.provider.ProviderHttp;
import dev.darkroom.provider.prediction.PredictionIds;
import dev.darkroom.provider.prediction.PredictionStore;
import dev.darkroom.run.Applied;
import dev.darkroom.run.SignedRequests;
import dev.darkroom.run.WebhookSignature;
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
 * Replicate's completion callbacks, signed per Standard Webhooks with the account's own secret. The callback only
 * marks the prediction done; the worker waiting on it downloads the image and reports it like any other, so the
 * job is updated through the same idempotent path.
 */
@SecurityRequirement(name = "standardWebhooks")
@Controller("/v1/webhooks/providers")
@Secured(SecurityRule.IS_ANONYMOUS) // no bearer token: every callback is signature-checked instead
@Requires(property = "darkroom.roles.receiver", notEquals = "false")
@Requires(property = "darkroom.providers.replicate.webhook-secret", pattern = ".+")
public class ReplicateCallbackController {

    private final SignedRequests verifier;
    private final PredictionStore predictions;
    private final JsonMapper json;
    private final List<byte[]> keys;

    public ReplicateCallbackController(SignedRequests verifier, PredictionStore predictions, JsonMapper json,
                                       ReplicateProperties properties) {
        this.verifier = verifier;
        this.predictions = predictions;
        this.json = json;
        this.keys = List.of(WebhookSignature.decodeSecret(properties.webhookSecret()));
    }

    @ApiResponse(responseCode = "400", ref = "BadRequest")
    @ApiResponse(responseCode = "401", ref = "Unauthorized")
    @ApiResponse(responseCode = "404", ref = "NotFound")
    @ApiResponse(responseCode = "413", ref = "TooLarge")
    @ApiResponse(responseCode = "422", ref = "Invalid")
    @ApiResponse(responseCode = "503", ref = "Unavailable")
    @Post(uri = "/replicate", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<Applied> replicate(HttpRequest<?> request, @Body byte[] body) {
        verifier.verify(request.getHeaders(), body, keys);
        JsonNode prediction;
        try {
            prediction = json.readValue(body, JsonNode.class);
        } catch (IOException | RuntimeException e) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "bad-request", "the body is not a prediction");
        }
        String id = ProviderHttp.text(prediction, "id");
        String idProblem = PredictionIds.problem(id);
        if (idProblem != null) {
            throw ProblemException.invalid(List.of(new Problem.FieldError("id", idProblem)));
        }
        PredictionStore.Completion done = predictions.complete(ReplicateImageProvider.NAME, id,
                ReplicateImageProvider.outcomeOf(prediction));
        if (done == PredictionStore.Completion.UNKNOWN) {
            throw ProblemException.notFound("no Replicate prediction " + id);
        }
        return HttpResponse.ok(new Applied(done == PredictionStore.Completion.APPLIED));
    }
}
