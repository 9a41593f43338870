package dev.darkroom.dashboard;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard is public static files under a strict Content-Security-Policy, and opening them opens nothing else:
 * the API behind it still wants a token. Raw HTTP, so that no client tidies a path before it is sent.
 */
@MicronautTest
class DashboardFilesTest {

    @Inject
    EmbeddedServer server;

    private final HttpClient http = HttpClient.newHttpClient();

    @ParameterizedTest
    @ValueSource(strings = {"/dashboard", "/dashboard/", "/dashboard/index.html"})
    void anyoneLoadsThePageWithoutAToken(String path) throws Exception {
        HttpResponse<String> page = get(path);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("text/html"));
        assertThat(page.body()).contains("<title>Darkroom</title>", "/dashboard/js/app.js");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/dashboard/", "/dashboard/js/app.js", "/dashboard/dashboard.css"})
    void everyFileComesWithAPolicyThatAllowsThisServerAlone(String path) throws Exception {
        HttpResponse<String> file = get(path);

        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.headers().firstValue("Content-Security-Policy")).hasValue(
                "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob:; connect-src 'self'; "
                        + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
        assertThat(file.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v1/jobs/some-job", "/v1/jobs/some-job/events", "/metrics", "/openapi/darkroom.yml",
            "/dashboard/../v1/jobs/some-job", "/dashboard/..%2Fv1/jobs/some-job", "/dashboard/%2e%2e/metrics"})
    void theApiBehindThePageStillWantsAToken(String path) throws Exception {
        HttpResponse<String> answer = get(path);

        assertThat(answer.statusCode()).as(path).isIn(400, 401, 404);
        assertThat(answer.body()).doesNotContain("jobId", "# HELP");
    }

    @Test
    void theFilesFetchNothingFromAnotherHost() throws IOException {
        for (String file : new String[]{"index.html", "dashboard.css", "js/app.js", "js/api.js", "js/session.js",
                "js/dom.js", "js/jobs.js", "js/job.js", "js/providers.js"}) {
            assertThat(resource(file)).as(file).doesNotContain("://").doesNotContain("innerHTML");
        }
    }

    private static String resource(String file) throws IOException {
        try (InputStream in = DashboardFilesTest.class.getResourceAsStream("/dashboard/" + file)) {
            assertThat(in).as(file).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getPort() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
