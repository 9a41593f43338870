package dev.darkroom.metrics;

import dev.darkroom.security.Scopes;
import dev.darkroom.support.Tokens;
import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A node without the worker role calls no provider: its panel says so instead of showing an empty window. */
@MicronautTest(transactional = false)
@Property(name = "darkroom.roles.worker", value = "false")
class ProvidersPanelWithoutWorkerTest {

    @Inject
    @Client("/")
    HttpClient http;

    @Test
    void aNodeWithoutTheWorkerRoleSaysItHasNoProvidersOfItsOwn() {
        ProvidersController.Panel panel = http.toBlocking().retrieve(HttpRequest.GET("/v1/ops/providers")
                .bearerAuth(Tokens.withScopes(Scopes.OPS_READ)), ProvidersController.Panel.class);

        assertThat(panel.workerRole()).isFalse();
        assertThat(panel.providers()).isEmpty();
    }
}
