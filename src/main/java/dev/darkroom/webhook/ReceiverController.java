package dev.darkroom.webhook;

import dev.darkroom.StorableText;
import dev.darkroom.image.ImageClaims;
import dev.darkroom.metrics.WebhookMetrics;
import dev.darkroom.problem.Problem;
import dev.darkroom.problem.ProblemException;
import dev.darkroom.problem.Violations;
import dev.darkroom.run.Applied;
import dev.darkroom.run.EventBounds;
import dev.darkroom.run.ImageOutcome;
import dev.darkroom.run.RunEvent;
import dev.darkroom.run.SignedRequests;
import dev.darkroom.run.WebhookEvent;
import dev.darkroom.security.WebhookKeys;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where workers report. Verify the raw bytes first, parse second (the envelope's {@code type} picks the payload
 * record, whose constraints name every wrong field at once), apply in one transaction, answer at once.
 */
@Controller("/v1/webhooks")
@SecurityRequirement(name = "standardWebhooks")
@Secured(SecurityRule.IS_ANONYMOUS) // no bearer token: every request is signature-checked instead
@Requires(property = "darkroom.roles.receiver", notEquals = "false")
public class ReceiverController {

    private final SignedRequests signatures;
    private final WebhookKeys keys;
    private final WorkerEventHandler handler;
    private final JsonMapper json;
    private final ImageClaims claims;
    private final Violations violations;
    private final WebhookMetrics metrics;
    private final Clock clock;

    public ReceiverController(SignedRequests signatures, WebhookKeys keys, WorkerEventHandler handler,
                              JsonMapper json, ImageClaims claims, Violations violations, WebhookMetrics metrics,
                              Clock clock) {
        this.metrics = metrics;
        this.clock = clock;
        this.signatures = signatures;
        this.keys = keys;
        this.handler = handler;
        this.json = json;
        this.claims = claims;
        this.violations = violations;
    }

    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = WebhookEvent.class)))
    @ApiResponse(responseCode = "400", ref = "BadRequest")
    @ApiResponse(responseCode = "401", ref = "Unauthorized")
    @ApiResponse(responseCode = "404", ref = "NotFound")
    @ApiResponse(responseCode = "413", ref = "TooLarge")
    @ApiResponse(responseCode = "422", ref = "Invalid")
    @ApiResponse(responseCode = "503", ref = "Unavailable")
    @Post(uri = "/worker", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<Applied> workerEvent(HttpRequest<?> request, @Parameter(hidden = true) @Body byte[] body) {
        String webhookId = signatures.verify(request.getHeaders(), body, keys.verificationKeys());
        if (!StorableText.isStorable(webhookId)) {
            throw ProblemException.invalid(List.of(new Problem.FieldError(SignedRequests.ID, StorableText.RULE)));
        }
        if (webhookId.length() > EventBounds.WEBHOOK_ID) {
            throw ProblemException.invalid(List.of(new Problem.FieldError(SignedRequests.ID,
                    "must be at most " + EventBounds.WEBHOOK_ID + " characters")));
        }
        JsonNode root = read(body, JsonNode.class);
        RunEvent event = parse(root);
        boolean applied = handler.handle(webhookId, event);
        if (applied) {
            createdAt(root).ifPresent(created -> metrics.applied(created, clock.instant()));
        }
        return HttpResponse.ok(new Applied(applied));
    }

    /** When the worker created the event: the envelope's timestamp, which stays the same across retries. */
    private static Optional<Instant> createdAt(@Nullable JsonNode root) {
        JsonNode timestamp = root == null ? null : root.get("timestamp");
        try {
            return timestamp != null && timestamp.isString()
                    ? Optional.of(Instant.parse(timestamp.getStringValue())) : Optional.empty();
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private RunEvent parse(@Nullable JsonNode root) {
        List<Problem.FieldError> errors = new ArrayList<>();
        String type = root != null && root.get("type") != null && root.get("type").isString()
                ? root.get("type").getStringValue() : null;
        if (type == null) {
            errors.add(new Problem.FieldError("type", EventBounds.REQUIRED));
        } else if (RunEvent.payloadOf(type).isEmpty()) {
            errors.add(new Problem.FieldError("type", "unknown event type " + StorableText.clean(type)));
        }
        JsonNode data = root == null ? null : root.get("data");
        RunEvent event = null;
        if (data == null || !data.isObject()) {
            errors.add(new Problem.FieldError("data", EventBounds.REQUIRED));
        } else {
            // Of a type not known, the fields every event has are still worth naming.
            event = fromTree(data, RunEvent.payloadOf(type).orElse(RunEvent.Started.class));
            errors.addAll(violations.of("data.", event));
            if (event instanceof ImageOutcome.Succeeded image) {
                // What is allowed depends on configuration (darkroom.image), so it is checked here, not annotated.
                errors.addAll(claims.fields("data.", image.contentType(), image.width(), image.height(),
                        image.cost()));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return event;
    }

    private <T> @Nullable T read(byte[] body, Class<T> type) {
        try {
            return json.readValue(body, type);
        } catch (IOException | RuntimeException e) {
            throw notAnEvent(e);
        }
    }

    private <T> T fromTree(JsonNode tree, Class<T> type) {
        try {
            return json.readValueFromTree(tree, type);
        } catch (IOException | RuntimeException e) {
            throw notAnEvent(e);
        }
    }

    private static ProblemException notAnEvent(Exception e) {
        return new ProblemException(HttpStatus.BAD_REQUEST, "bad-request",
                "the body is not a webhook event: " + e.getMessage());
    }
}
