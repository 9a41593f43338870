package dev.darkroom.ops;

import dev.darkroom.security.Scopes;
import dev.darkroom.support.Tokens;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a default install opens for monitoring, and to whom: the metrics to {@code ops:read} alone, the health
 * status to everyone with its details to {@code ops:read} alone, and no other management endpoint to anybody.
 */
@MicronautTest
class OpsEndpointsTest {

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    JsonMapper json;

    @Test
    void theMetricsNeedATokenWithOpsRead() {
        assertThat(status(HttpRequest.GET("/metrics"), null)).isEqualTo(401);
        assertThat(status(HttpRequest.GET("/metrics"), Tokens.backend())).isEqualTo(403);
        assertThat(status(HttpRequest.GET("/metrics"), Tokens.withScopes(Scopes.oneJob("some-job")))).isEqualTo(403);

        HttpResponse<String> scrape = http.toBlocking().exchange(HttpRequest.GET("/metrics")
                .bearerAuth(Tokens.withScopes(Scopes.OPS_READ)), String.class);
        assertThat(scrape.getStatus().getCode()).isEqualTo(200);
        assertThat(scrape.getContentType().orElseThrow().toString()).startsWith("text/plain");
        assertThat(scrape.body()).contains("# TYPE jvm_memory_used_bytes gauge");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/beans", "/env", "/loggers", "/info", "/refresh", "/routes", "/threaddump", "/caches",
            "/stop", "/prometheus", "/metrics/jvm.memory.used", "/loggers/ROOT", "/env/darkroom"})
    void noOtherManagementEndpointIsOpenToAnyone(String path) {
        for (String token : new String[] {null, Tokens.backend(), Tokens.withScopes(Scopes.OPS_READ)}) {
            assertThat(status(HttpRequest.GET(path), token)).as("GET " + path).isIn(404, 405);
            assertThat(status(HttpRequest.POST(path, Map.of()), token)).as("POST " + path).isIn(404, 405);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/health", "/health/liveness", "/health/readiness"})
    void healthTellsEveryoneItsStatusAndOnlyOpsReadItsDetails(String path) throws IOException {
        Map<String, Object> anonymous = health(path, null);
        assertThat(anonymous).containsEntry("status", "UP").doesNotContainKey("details");
        assertThat(health(path, Tokens.backend())).containsEntry("status", "UP").doesNotContainKey("details");
        assertThat(health(path, Tokens.withScopes(Scopes.oneJob("some-job")))).doesNotContainKey("details");

        assertThat(health(path, Tokens.withScopes(Scopes.OPS_READ))).containsEntry("status", "UP")
                .containsKey("details");
    }

    @Test
    @SuppressWarnings("unchecked")
    void readinessDetailsNameTheDatabaseTheDataDirsDiskAndTheDrain() throws IOException {
        Map<String, Object> details = (Map<String, Object>) health("/health/readiness",
                Tokens.withScopes(Scopes.OPS_READ)).get("details");

        assertThat(details).containsKeys("jdbc", "diskSpace", DrainIndicator.NAME);
        assertThat((Map<String, Object>) details.get(DrainIndicator.NAME)).containsEntry("status", "UP");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> health(String path, @Nullable String token) throws IOException {
        MutableHttpRequest<?> request = HttpRequest.GET(path);
        if (token != null) {
            request.bearerAuth(token);
        }
        return json.readValue(http.toBlocking().retrieve(request, String.class), Map.class);
    }

    private int status(MutableHttpRequest<?> request, @Nullable String token) {
        if (token != null) {
            request.bearerAuth(token);
        }
        try {
            return http.toBlocking().exchange(request, String.class).getStatus().getCode();
        } catch (HttpClientResponseException e) {
            return e.getStatus().getCode();
        }
    }
}
