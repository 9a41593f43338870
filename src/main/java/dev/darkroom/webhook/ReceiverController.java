package dev.darkroom.webhook;

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

    public ReceiverController(SignedRequests signatures, WebhookKeys keys, WorkerEventHandler handler,
                              JsonMapper json) {
        this.signatures = signatures;
        this.keys = keys;
        this.handler = handler;
        this.json = json;
    }

    @Post(uri = "/worker", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<Map<String, Object>> workerEvent(HttpRequest<?> request, @Body byte[] body) {
        String webhookId = signatures.verify(request.getHeaders(), body, keys.verificationKeys());
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
            require(errors, "data.jobId", event.data().jobId());
            require(errors, "data.runId", event.data().runId());
            if (WebhookEvent.IMAGE_SUCCEEDED.equals(event.type())) {
                require(errors, "data.imageId", event.data().imageId());
                require(errors, "data.data", event.data().data());
                require(errors, "data.sha256", event.data().sha256());
                require(errors, "data.contentType", event.data().contentType());
                require(errors, "data.width", event.data().width());
                require(errors, "data.height", event.data().height());
            }
            if (WebhookEvent.IMAGE_FAILED.equals(event.type())) {
                require(errors, "data.imageId", event.data().imageId());
                require(errors, "data.error", event.data().error());
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return event;
    }

    private static void require(List<Problem.FieldError> errors, String field, Object value) {
        if (value == null) {
            errors.add(new Problem.FieldError(field, "is required"));
        }
    }
}
