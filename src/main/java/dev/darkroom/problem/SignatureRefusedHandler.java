package dev.darkroom.problem;

import dev.darkroom.run.SignedRequests;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** Every door signed between roles answers a refused signature the same way: 401, naming what was wrong. */
@Singleton
public class SignatureRefusedHandler implements ExceptionHandler<SignedRequests.Refused, HttpResponse<?>> {

    private final ProblemExceptionHandler problems;

    public SignatureRefusedHandler(ProblemExceptionHandler problems) {
        this.problems = problems;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, SignedRequests.Refused refused) {
        return problems.handle(request, new ProblemException(HttpStatus.UNAUTHORIZED, "unauthorized",
                refused.getMessage()));
    }
}
