package dev.darkroom.problem;

import io.micronaut.context.annotation.Primary;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * The one place errors leave the service: every refusal, ours or the framework's (unknown route, bad JSON,
 * body too large, wrong method), goes out as {@code application/problem+json}.
 */
@Singleton
@Primary
public class ProblemResponseProcessor implements ErrorResponseProcessor<Problem> {

    static final String TYPE_BASE = "https://darkroom.dev/problems/";

    @Override
    public MutableHttpResponse<Problem> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        HttpStatus status = response.getStatus();
        String instance = context.getRequest().getPath();
        Problem problem;
        if (context.getRootCause().orElse(null) instanceof ProblemException e) {
            problem = new Problem(TYPE_BASE + e.type(), e.status().getReason(), e.status().getCode(), e.getMessage(),
                    instance, e.errors());
            status = e.status();
            e.headers().forEach(response::header);
        } else {
            String detail = context.getErrors().isEmpty() ? status.getReason()
                    : context.getErrors().get(0).getMessage();
            if (status.getCode() >= 500) {
                detail = "the server could not handle the request; the log has the details";
            }
            problem = new Problem(TYPE_BASE + typeFor(status), status.getReason(), status.getCode(), detail, instance,
                    List.of());
        }
        return response.status(status).contentType(Problem.MEDIA_TYPE).body(problem);
    }

    private static String typeFor(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> "bad-request";
            case NOT_FOUND -> "not-found";
            case METHOD_NOT_ALLOWED -> "method-not-allowed";
            case REQUEST_ENTITY_TOO_LARGE -> "too-large";
            case UNSUPPORTED_MEDIA_TYPE -> "unsupported-media-type";
            case UNAUTHORIZED -> "unauthorized";
            case FORBIDDEN -> "forbidden";
            default -> status.getCode() >= 500 ? "server-error" : "http-" + status.getCode();
        };
    }
}
