package dev.darkroom.problem;

import io.micronaut.http.HttpStatus;

import java.util.List;
import java.util.Map;

/** Thrown anywhere a request must be refused; {@link ProblemResponseProcessor} turns it into the response. */
public class ProblemException extends RuntimeException {

    private final HttpStatus status;
    private final String type;
    private final List<Problem.FieldError> errors;
    private final Map<String, String> headers;

    public ProblemException(HttpStatus status, String type, String detail, List<Problem.FieldError> errors,
                            Map<String, String> headers) {
        super(detail);
        this.status = status;
        this.type = type;
        this.errors = List.copyOf(errors);
        this.headers = Map.copyOf(headers);
    }

    public ProblemException(HttpStatus status, String type, String detail, List<Problem.FieldError> errors) {
        this(status, type, detail, errors, Map.of());
    }

    public ProblemException(HttpStatus status, String type, String detail) {
        this(status, type, detail, List.of());
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(HttpStatus.NOT_FOUND, "not-found", detail);
    }

    public static ProblemException invalid(List<Problem.FieldError> errors) {
        String detail = errors.size() == 1
                ? errors.get(0).field() + ": " + errors.get(0).message()
                : errors.size() + " fields are invalid";
        return new ProblemException(HttpStatus.BAD_REQUEST, "validation", detail, errors);
    }

    public HttpStatus status() {
        return status;
    }

    public String type() {
        return type;
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }

    /** Headers the answer must carry, such as Retry-After on a 429. */
    public Map<String, String> headers() {
        return headers;
    }
}
