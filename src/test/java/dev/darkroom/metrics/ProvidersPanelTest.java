package dev.darkroom.metrics;

import dev.darkroom.security.Scopes;
import dev.darkroom.support.Cases;
import dev.darkroom.support.Jobs;
import dev.darkroom.support.Tokens;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The providers panel of a node that runs the worker role: its own providers, their circuits and calls. */
@MicronautTest(transactional = false)
class ProvidersPanelTest {

    @Inject
    @Client("/")
    HttpClient http;

    @Test
    void anOperatorSeesTheProvidersOfThisNodesWorkerAndTheirRecentCalls() {
        new Jobs(http).awaitTerminal(new Jobs(http).create("case-panel", Cases.body(2, 0)).jobId());

        ProvidersController.Panel panel = http.toBlocking().retrieve(HttpRequest.GET("/v1/ops/providers")
                .bearerAuth(Tokens.withScopes(Scopes.OPS_READ)), ProvidersController.Panel.class);

        assertThat(panel.workerRole()).isTrue();
        assertThat(panel.providers()).singleElement().satisfies(local -> {
            assertThat(local.name()).isEqualTo("local");
            assertThat(local.circuit()).isEqualTo("closed");
            assertThat(local.calls()).isGreaterThanOrEqualTo(2);
            assertThat(local.errors()).isZero();
            assertThat(local.windowSeconds()).isEqualTo(300);
        });
    }

    @Test
    void thePanelIsForOperatorsOnly() {
        HttpClientResponseException refused = catchThrowableOfType(HttpClientResponseException.class,
                () -> http.toBlocking().exchange(HttpRequest.GET("/v1/ops/providers").bearerAuth(Tokens.backend())));

        assertThat(refused.getStatus().getCode()).isEqualTo(403);
    }
}
