package dev.darkroom.security;

import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.token.reader.TokenReader;
import jakarta.inject.Singleton;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads a token from the {@code token} query parameter of image requests and a job's event stream only, because an
 * {@code <img>} tag and a browser's {@code EventSource} cannot send an Authorization header. Everywhere else a token
 * must come as a bearer header, so it does not end
 * up in access logs and browser history by accident.
 */
@Singleton
public class ImageTokenReader implements TokenReader<HttpRequest<?>> {

    static final Pattern IMAGE_PATH = Pattern.compile("/v1/jobs/[^/]+/(images/[^/]+|events)");

    @Override
    public Optional<String> findToken(HttpRequest<?> request) {
        if (request.getMethod() != HttpMethod.GET || !IMAGE_PATH.matcher(request.getPath()).matches()) {
            return Optional.empty();
        }
        return request.getParameters().getFirst("token");
    }

    @Override
    public int getOrder() {
        // After the bearer header reader: a header, when present, wins.
        return 100;
    }
}
