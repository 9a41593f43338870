package dev.darkroom.problem;

import io.micronaut.validation.validator.Validator;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;

import java.util.Comparator;
import java.util.List;

/**
 * Validates a request record against its constraint annotations and refuses it with 400 naming every field that is
 * wrong at once, each by its path in the body ({@code images[0].kind}, {@code data.failed[0].error.code}).
 */
@Singleton
public class Violations {

    private final Validator validator;

    public Violations(Validator validator) {
        this.validator = validator;
    }

    /** The field errors of {@code value}, each path after {@code prefix} (say {@code "data."}), in path order. */
    public List<Problem.FieldError> of(String prefix, Object value) {
        return validator.validate(value).stream()
                .map(v -> new Problem.FieldError(prefix + path(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field).thenComparing(Problem.FieldError::message))
                .toList();
    }

    /** Throws a 400 naming every violation of {@code value}; returns it when there is none. */
    public <T> T valid(T value) {
        List<Problem.FieldError> errors = of("", value);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return value;
    }

    /** A property path as the body spells it: {@code failed[0].error.code}, whatever the validator's own form. */
    static String path(ConstraintViolation<?> violation) {
        StringBuilder path = new StringBuilder();
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == jakarta.validation.ElementKind.CONTAINER_ELEMENT) {
                path.append('[').append(node.getIndex()).append(']');
                continue;
            }
            if (node.getName() == null || node.getName().isEmpty()) {
                continue;
            }
            if (node.isInIterable() && node.getIndex() != null) {
                path.append('[').append(node.getIndex()).append(']');
            }
            if (!path.isEmpty()) {
                path.append('.');
            }
            path.append(node.getName());
        }
        return path.toString();
    }
}
