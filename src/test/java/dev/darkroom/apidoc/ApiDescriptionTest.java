package dev.darkroom.apidoc;

import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document describes every endpoint Darkroom's controllers route, as the router has them: an endpoint added
 * without its description fails here. Opened to anyone, as a host that wants Swagger UI in a browser has it.
 */
@MicronautTest
@Property(name = "darkroom.api-docs.public", value = "true")
// Every controller present, the provider callbacks too (they appear only when their provider is configured).
@Property(name = "darkroom.providers.replicate.webhook-secret", value = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
@Property(name = "darkroom.providers.fal.api-key", value = "fal-test-key:secret")
class ApiDescriptionTest {

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    Router router;

    @Test
    void theDocumentListsEveryRoutedEndpoint() {
        Set<String> routed = router.uriRoutes()
                .filter(route -> route.getDeclaringType().getPackageName().startsWith("dev.darkroom"))
                // Micronaut answers HEAD for every GET on its own; the GET is the endpoint.
                .filter(route -> !route.getHttpMethodName().equalsIgnoreCase("HEAD"))
                .map(ApiDescriptionTest::operation)
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(routed).contains("POST /v1/cases/{caseId}/image-jobs", "POST /v1/webhooks/worker",
                "POST /v1/webhooks/providers/fal", "POST /v1/webhooks/providers/replicate", "POST /internal/runs");
        assertThat(documented()).containsAll(routed);
    }

    @Test
    void everyOperationSaysHowItFailsAsAProblem() {
        Map<String, Object> document = document();
        Map<String, Map<String, Map<String, Object>>> paths = cast(document.get("paths"));
        paths.forEach((path, operations) -> operations.forEach((method, operation) -> {
            Map<String, Object> responses = cast(operation.get("responses"));
            // The health probes answer anyone; how they fail is a 503 DOWN. Every other endpoint refuses with a 4xx.
            String failure = path.startsWith("/health") ? "5" : "4";
            assertThat(responses.keySet()).as(method + " " + path).anyMatch(code -> code.startsWith(failure));
        }));
        Map<String, Map<String, Object>> components = cast(document.get("components"));
        Map<String, Object> invalid = cast(components.get("responses").get("Invalid"));
        Map<String, Object> content = cast(invalid.get("content"));
        assertThat(content).containsOnlyKeys("application/problem+json");
        assertThat(components.get("securitySchemes")).containsKeys("bearer", "standardWebhooks", "falSignature");
        assertThat(components.get("schemas")).containsKeys("Problem", "WebhookEvent", "RunEvent",
                "RunEvent.Started", "RunEvent.Heartbeat", "RunEvent.Finished", "ImageOutcome.Succeeded",
                "ImageOutcome.Failed", "JobView", "CaseRequest", "RunRequest");
    }

    @Test
    void bodiesReadAsBytesAreDescribedByTheRecordsTheyHold() {
        Map<String, Map<String, Map<String, Object>>> paths = cast(document().get("paths"));
        Map.of("/v1/cases/{caseId}/image-jobs", "CaseRequest", "/v1/webhooks/worker", "WebhookEvent",
                "/internal/runs", "RunRequest").forEach((path, schema) -> {
                    Map<String, Object> body = cast(paths.get(path).get("post").get("requestBody"));
                    Map<String, Map<String, Map<String, Object>>> content = cast(body.get("content"));
                    assertThat(content).as(path).containsOnlyKeys("application/json");
                    assertThat(content.get("application/json").get("schema"))
                            .containsEntry("$ref", "#/components/schemas/" + schema);
                });
    }

    @Test
    void swaggerUiIsServedFromTheJarWithoutAToken() {
        HttpResponse<String> page = http.toBlocking().exchange(HttpRequest.GET("/swagger-ui/index.html"),
                String.class);
        assertThat(page.body()).contains("/openapi/darkroom.yml").doesNotContain("https://");
        assertThat(http.toBlocking().retrieve(HttpRequest.GET("/swagger-ui"))).isEqualTo(page.body());
        HttpResponse<byte[]> bundle = http.toBlocking().exchange(
                HttpRequest.GET("/swagger-ui/res/swagger-ui-bundle.js"), byte[].class);
        assertThat(bundle.body()).isNotEmpty();
    }

    private static String operation(UriRouteInfo<?, ?> route) {
        return route.getHttpMethodName().toUpperCase(Locale.ROOT) + " " + route.getUriMatchTemplate().toPathString();
    }

    private Set<String> documented() {
        Map<String, Map<String, Object>> paths = cast(document().get("paths"));
        Set<String> operations = new TreeSet<>();
        paths.forEach((path, methods) -> methods.keySet()
                .forEach(method -> operations.add(method.toUpperCase(Locale.ROOT) + " " + path)));
        return operations;
    }

    private Map<String, Object> document() {
        String yaml = http.toBlocking().retrieve(HttpRequest.GET("/openapi/darkroom.yml"));
        return new Yaml().load(yaml);
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object value) {
        return (T) value;
    }
}
