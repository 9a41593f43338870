package dev.darkroom.apidoc;

import dev.darkroom.support.Tokens;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** By default the API's description answers a valid token only, like every other endpoint. */
@MicronautTest
class ApiDocsAccessTest {

    @Inject
    @Client("/")
    HttpClient http;

    @ParameterizedTest
    @ValueSource(strings = {"/openapi/darkroom.yml", "/swagger-ui/index.html", "/swagger-ui"})
    void withoutATokenTheDescriptionIsRefused(String path) {
        assertThatThrownBy(() -> http.toBlocking().exchange(HttpRequest.GET(path), String.class))
                .isInstanceOfSatisfying(HttpClientResponseException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(HttpStatus.UNAUTHORIZED.getCode()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/openapi/darkroom.yml", "/swagger-ui/index.html"})
    void anyValidTokenReadsIt(String path) {
        String body = http.toBlocking().retrieve(HttpRequest.GET(path).bearerAuth(Tokens.withScopes("jobs:read")),
                String.class);
        assertThat((CharSequence) body).isNotEmpty();
    }
}
