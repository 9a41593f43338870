package dev.darkroom.support;

import org.mockserver.integration.ClientAndServer;
import org.mockserver.model.HttpRequest;
import org.mockserver.model.HttpResponse;

import java.util.HashMap;
import java.util.Map;

import static org.mockserver.model.HttpRequest.request;
import static org.mockserver.model.HttpResponse.response;

/** OpenAI's Images API as MockServer speaks it: the request to match, and its answers. */
public final class OpenAiWire {

    public static final String PATH = "/v1/images/generations";

    private OpenAiWire() {
    }

    /** Settings that make OpenAI, served by {@code server}, the one provider; {@code more} adds to them. */
    public static Map<String, String> asOnlyProvider(ClientAndServer server, Map<String, String> more) {
        Map<String, String> settings = new HashMap<>(Map.of(
                "darkroom.providers.order", "openai",
                "darkroom.providers.openai.api-key", "sk-test-key",
                "darkroom.providers.openai.base-url", MockServers.url(server)));
        settings.putAll(more);
        return settings;
    }

    public static HttpRequest generations() {
        return request().withMethod("POST").withPath(PATH);
    }

    public static HttpResponse image() {
        return response().withStatusCode(200).withHeader("content-type", "application/json")
                .withBody("{\"created\":1713833628,\"data\":[{\"b64_json\":\"" + Pictures.pngBase64(96, 64)
                        + "\"}],\"output_format\":\"png\",\"size\":\"1024x1024\",\"usage\":{\"total_tokens\":100}}");
    }

    public static HttpResponse error(int status, String type, String code, String message) {
        return response().withStatusCode(status).withHeader("content-type", "application/json")
                .withBody("{\"error\":{\"message\":\"" + message + "\",\"type\":\"" + type + "\",\"param\":null,"
                        + "\"code\":" + (code == null ? "null" : "\"" + code + "\"") + "}}");
    }
}
