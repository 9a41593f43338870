package dev.darkroom.provider.openai;

import dev.darkroom.provider.GeneratedImage;
import dev.darkroom.provider.ImageNormalizer;
import dev.darkroom.provider.ImageProvider;
import dev.darkroom.provider.ImageRequest;
import dev.darkroom.provider.ProviderException;
import dev.darkroom.provider.ProviderHttp;
import dev.darkroom.provider.ProviderKey;
import dev.darkroom.provider.ProviderPolicy;
import dev.darkroom.provider.RateLimits;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** OpenAI Images: {@code POST /v1/images/generations}, one image per call, base64 in the answer. */
@Singleton
@Requires(property = "darkroom.providers.openai.api-key", pattern = ".+")
public class OpenAiImageProvider implements ImageProvider {

    public static final String NAME = "openai";

    private final OpenAiProperties properties;
    private final ProviderHttp http;
    private final ImageNormalizer normalizer;
    private final RateLimits limits;
    private final String endpoint;
    private final ProviderKey key;

    public OpenAiImageProvider(OpenAiProperties properties, @Client(id = NAME) HttpClient client, JsonMapper json,
                               ImageNormalizer normalizer, RateLimits limits) {
        this.properties = properties;
        this.http = new ProviderHttp(client, json, NAME);
        this.normalizer = normalizer;
        this.limits = limits;
        this.endpoint = properties.baseUrl().replaceAll("/+$", "") + "/v1/images/generations";
        this.key = ProviderKey.bearer(NAME, endpoint, properties.apiKey());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ProviderPolicy policy() {
        return new ProviderPolicy(properties.requestsPerMinute(), properties.maxInFlight(),
                properties.pricePerImage());
    }

    @Override
    public GeneratedImage generate(ImageRequest request) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", properties.model());
        body.put("prompt", request.prompt());
        body.put("n", 1);
        body.put("size", properties.size());
        body.put("quality", properties.quality());
        body.put("output_format", "jpeg");
        ProviderHttp.Answer answer = http.send(key.attach(HttpRequest.POST(endpoint, http.toJson(body))
                .contentType(MediaType.APPLICATION_JSON_TYPE)), properties.timeout());
        if (!answer.ok()) {
            throw failure(answer);
        }
        slowDownWhenAsked(answer);
        return normalizer.fromProvider(NAME, image(answer));
    }

    private byte[] image(ProviderHttp.Answer answer) {
        JsonNode first = http.parse(answer.body())
                .map(root -> root.get("data"))
                .filter(data -> data.isArray() && data.size() > 0)
                .map(data -> data.get(0))
                .orElse(null);
        String b64 = ProviderHttp.text(first, "b64_json");
        if (b64 == null || b64.isBlank()) {
            throw ProviderException.refusal("bad_output", "OpenAI answered 200 without data[0].b64_json");
        }
        try {
            return Base64.getDecoder().decode(b64);
        } catch (IllegalArgumentException e) {
            throw ProviderException.refusal("bad_output", "OpenAI's b64_json is not base64");
        }
    }

    /** The last request of the window was spent: every caller waits for the window to reset. */
    private void slowDownWhenAsked(ProviderHttp.Answer answer) {
        boolean spent = answer.header("x-ratelimit-remaining-requests").map(String::trim).filter("0"::equals)
                .isPresent();
        if (spent) {
            answer.header("x-ratelimit-reset-requests").flatMap(ProviderHttp::duration)
                    .ifPresent(wait -> limits.pause(NAME, wait));
        }
    }

    private ProviderException failure(ProviderHttp.Answer answer) {
        JsonNode error = http.parse(answer.body()).map(root -> root.get("error")).orElse(null);
        String code = Optional.ofNullable(ProviderHttp.text(error, "code"))
                .orElseGet(() -> Optional.ofNullable(ProviderHttp.text(error, "type")).orElse(""));
        String message = Optional.ofNullable(ProviderHttp.text(error, "message")).orElse(abbreviate(answer.text()));
        int status = answer.status();
        String said = "OpenAI answered " + status + (code.isEmpty() ? "" : " " + code) + ": " + message;
        if (code.equals("insufficient_quota") || "insufficient_quota".equals(ProviderHttp.text(error, "type"))) {
            return ProviderException.refusal("insufficient_quota", said);
        }
        if (status == 429) {
            Optional<Duration> wait = ProviderHttp.retryAfter(answer.headers());
            return ProviderException.transientFailure("rate_limited", said, wait.orElse(null));
        }
        if (code.equals("moderation_blocked") || code.equals("content_policy_violation")) {
            return ProviderException.refusal("content_policy", said);
        }
        if (code.equals("model_not_found") || status == 404) {
            return ProviderException.refusal("model_not_found", "OpenAI has no model '" + properties.model()
                    + "' for this key (set darkroom.providers.openai.model): " + message);
        }
        if (status == 401 || status == 403) {
            return ProviderException.refusal("unauthorized", said);
        }
        if (status == 408 || status == 409 || status >= 500) {
            return ProviderException.transientFailure("unavailable", said,
                    ProviderHttp.retryAfter(answer.headers()).orElse(null));
        }
        return ProviderException.refusal("bad_request", said);
    }

    static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }
}
