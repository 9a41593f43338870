package dev.darkroom.dashboard;

import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** The dashboard belongs to the status role: a node without it serves no page. */
@MicronautTest
@Property(name = "darkroom.roles.status", value = "false")
@Property(name = "darkroom.roles.recovery", value = "false")
class DashboardRoleTest {

    @Inject
    EmbeddedServer server;

    @ParameterizedTest
    @ValueSource(strings = {"/dashboard", "/dashboard/", "/dashboard/js/app.js"})
    void aNodeWithoutTheStatusRoleServesNoDashboard(String path) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getPort() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(answer.body()).doesNotContain("<title>Darkroom</title>");
    }
}
