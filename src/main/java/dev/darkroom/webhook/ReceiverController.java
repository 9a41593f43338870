package dev.darkroom.webhook;

import dev.darkroom.security.WebhookKeys;

import dev.darkroom.image.ImageClaims;

import dev.darkroom.run.SignedRequests;

import dev.darkroom.run.WebhookEvent;

import dev.darkroom.problem.Problem;
import dev.darkroom.problem.ProblemException;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Where workers report. Verify first, parse second, apply in one transaction, answer at once. */
@Controller("/v1/webhooks")
@Secured(SecurityRule.IS_ANONYMOUS) // no bearer token: every request is signature-checked instead
@Requires(property = "darkroom.roles.receiver", notEquals = "false")
public class ReceiverController {

    private final SignedRequests signatures;
    private final WebhookKeys keys;
    private final WorkerEventHandler handler;
    private final JsonMapper json;
    private final ImageClaims claims;

    public ReceiverController(SignedRequests signatures, WebhookKeys keys, WorkerEventHandler handler,
                              JsonMapper json, ImageClaims claims) {
        this.signatures = signatures;
        this.keys = keys;
        this.handler = handler;
        this.json = json;
        this.claims = claims;
    }

    @Post(uri = "/worker", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<Map<String, Object>> workerEvent(HttpRequest<?> request, @Body byte[] body) {
        String webhookId = signatures.verify(request.getHeaders(), body, keys.verificationKeys());
        List<Problem.FieldError> idErrors = new ArrayList<>();
        EventBounds.atMost(idErrors, SignedRequests.ID, webhookId, EventBounds.WEBHOOK_ID);
        if (!idErrors.isEmpty()) {
            throw ProblemException.invalid(idErrors);
        }
        WebhookEvent event = parse(body);
        boolean applied = handler.handle(webhookId, event);
        return HttpResponse.ok(Map.of("applied", applied));
    }

    private WebhookEvent parse(byte[] body) {
        WebhookEvent event;
        try {
            event = json.readValue(body, WebhookEvent.class);
        } catch (IOException | RuntimeException e) {
            throw new ProblemException(io.micronaut.http.HttpStatus.BAD_REQUEST, "bad-request",
                    "the body is not a webhook event: " + e.getMessage());
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        if (event == null || event.type() == null) {
            errors.add(new Problem.FieldError("type", "is required"));
        }
        if (event == null || event.data() == null) {
            errors.add(new Problem.FieldError("data", "is required"));
        } else {
            check(errors, event.type(), event.data());
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return event;
    }

    /** Every field an event's type needs, each within the bound of the column it is stored in, and storable. */
    private void check(List<Problem.FieldError> errors, String type, WebhookEvent.Data data) {
        EventBounds.required(errors, "data.jobId", data.jobId(), EventBounds.JOB_ID);
        EventBounds.required(errors, "data.runId", data.runId(), EventBounds.RUN_ID);
        if (WebhookEvent.IMAGE_SUCCEEDED.equals(type)) {
            EventBounds.required(errors, "data.imageId", data.imageId(), EventBounds.IMAGE_ID);
            require(errors, "data.data", data.data());
            require(errors, "data.sha256", data.sha256());
            require(errors, "data.contentType", data.contentType());
            require(errors, "data.width", data.width());
            require(errors, "data.height", data.height());
            EventBounds.atMost(errors, "data.provider", data.provider(), EventBounds.PROVIDER);
            errors.addAll(claims.fields("data.", data.contentType(), data.width(), data.height(), data.cost()));
        }
        if (WebhookEvent.IMAGE_FAILED.equals(type)) {
            EventBounds.required(errors, "data.imageId", data.imageId(), EventBounds.IMAGE_ID);
            require(errors, "data.error", data.error());
            if (data.error() != null) {
                EventBounds.atMost(errors, "data.error.code", data.error().code(), EventBounds.ERROR_CODE);
                // Clipped to its column when stored, so bounded by the body alone; but a NUL never stores.
                EventBounds.storable(errors, "data.error.message", data.error().message());
            }
        }
        if (data.succeeded() != null) {
            for (int i = 0; i < data.succeeded().size(); i++) {
                EventBounds.required(errors, "data.succeeded[" + i + "]", data.succeeded().get(i),
                        EventBounds.IMAGE_ID);
            }
        }
        if (data.failed() != null) {
            for (int i = 0; i < data.failed().size(); i++) {
                WebhookEvent.FailedImage failed = data.failed().get(i);
                String at = "data.failed[" + i + "]";
                if (failed == null || failed.error() == null) {
                    errors.add(new Problem.FieldError(at + ".error", "is required"));
                    continue;
                }
                EventBounds.required(errors, at + ".imageId", failed.imageId(), EventBounds.IMAGE_ID);
                EventBounds.atMost(errors, at + ".error.code", failed.error().code(), EventBounds.ERROR_CODE);
                EventBounds.storable(errors, at + ".error.message", failed.error().message());
            }
        }
    }

    private static void require(List<Problem.FieldError> errors, String field, Object value) {
        if (value == null) {
            errors.add(new Problem.FieldError(field, "is required"));
        }
    }
}
