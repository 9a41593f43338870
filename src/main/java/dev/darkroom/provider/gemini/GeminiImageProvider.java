package dev.darkroom.provider.gemini;

import dev.darkroom.provider.GeneratedImage;
import dev.darkroom.provider.ImageNormalizer;
import dev.darkroom.provider.ImageProvider;
import dev.darkroom.provider.ImageRequest;
import dev.darkroom.provider.ProviderException;
import dev.darkroom.provider.ProviderHttp;
import dev.darkroom.provider.ProviderKey;
import dev.darkroom.provider.ProviderPolicy;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Gemini image models: {@code POST {base}/models/{model}:generateContent} asking for an image, which comes back
 * as {@code candidates[].content.parts[].inlineData}. A prompt the model will not draw comes back as a blocked
 * prompt, a safety finish reason, or text without an image: all refusals.
 */
@Singleton
@Requires(property = "darkroom.providers.gemini.api-key", pattern = ".+")
public class GeminiImageProvider implements ImageProvider {

    public static final String NAME = "gemini";

    private static final Set<String> REFUSED = Set.of("SAFETY", "IMAGE_SAFETY", "PROHIBITED_CONTENT", "BLOCKLIST",
            "SPII", "RECITATION", "IMAGE_PROHIBITED_CONTENT", "IMAGE_RECITATION");

    private final GeminiProperties properties;
    private final ProviderHttp http;
    private final ImageNormalizer normalizer;
    private final String endpoint;
    private final ProviderKey key;

    public GeminiImageProvider(GeminiProperties properties, @Client(id = NAME) HttpClient client, JsonMapper json,
                               ImageNormalizer normalizer) {
        this.properties = properties;
        this.http = new ProviderHttp(client, json, NAME);
        this.normalizer = normalizer;
        this.endpoint = properties.baseUrl().replaceAll("/+$", "") + "/models/" + properties.model()
                + ":generateContent";
        this.key = ProviderKey.header(NAME, endpoint, "x-goog-api-key", properties.apiKey());
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
        Map<String, Object> body = Map.of(
                "contents", List.of(Map.of("parts", List.of(Map.of("text", request.prompt())))),
                "generationConfig", Map.of(
                        "responseModalities", List.of("TEXT", "IMAGE"),
                        "imageConfig", Map.of("aspectRatio", properties.aspectRatio())));
        ProviderHttp.Answer answer = http.send(key.attach(HttpRequest.POST(endpoint, http.toJson(body))
                .contentType(MediaType.APPLICATION_JSON_TYPE)), properties.timeout());
        if (!answer.ok()) {
            throw failure(answer);
        }
        JsonNode root = http.parse(answer.body())
                .orElseThrow(() -> ProviderException.refusal("bad_output", "Gemini answered 200 without JSON"));
        return normalizer.fromProvider(NAME, image(root));
    }

    private byte[] image(JsonNode root) {
        JsonNode feedback = root.get("promptFeedback");
        String blocked = ProviderHttp.text(feedback, "blockReason");
        if (blocked != null) {
            throw ProviderException.refusal("content_policy", "Gemini blocked the prompt: " + blocked);
        }
        JsonNode candidates = root.get("candidates");
        if (candidates == null || !candidates.isArray()) {
            throw ProviderException.refusal("bad_output", "Gemini answered without candidates");
        }
        List<String> said = new ArrayList<>();
        String finish = null;
        for (JsonNode candidate : candidates.values()) {
            finish = Optional.ofNullable(ProviderHttp.text(candidate, "finishReason")).orElse(finish);
            JsonNode parts = Optional.ofNullable(candidate.get("content")).map(c -> c.get("parts")).orElse(null);
            if (parts == null || !parts.isArray()) {
                continue;
            }
            for (JsonNode part : parts.values()) {
                JsonNode inline = part.get("inlineData") != null ? part.get("inlineData") : part.get("inline_data");
                String data = ProviderHttp.text(inline, "data");
                if (data != null) {
                    try {
                        return Base64.getDecoder().decode(data);
                    } catch (IllegalArgumentException e) {
                        throw ProviderException.refusal("bad_output", "Gemini's inlineData is not base64");
                    }
                }
                Optional.ofNullable(ProviderHttp.text(part, "text")).ifPresent(said::add);
            }
        }
        if (finish != null && REFUSED.contains(finish)) {
            throw ProviderException.refusal("content_policy", "Gemini stopped with " + finish);
        }
        throw ProviderException.refusal("no_image", "Gemini answered without an image"
                + (finish == null ? "" : " (finishReason " + finish + ")")
                + (said.isEmpty() ? "" : ": " + abbreviate(String.join(" ", said))));
    }

    private ProviderException failure(ProviderHttp.Answer answer) {
        JsonNode error = http.parse(answer.body()).map(root -> root.get("error")).orElse(null);
        String status = Optional.ofNullable(ProviderHttp.text(error, "status")).orElse("");
        String message = Optional.ofNullable(ProviderHttp.text(error, "message")).orElse(abbreviate(answer.text()));
        int code = answer.status();
        String said = "Gemini answered " + code + (status.isEmpty() ? "" : " " + status) + ": " + message;
        if (code == 429 || status.equals("RESOURCE_EXHAUSTED")) {
            return ProviderException.transientFailure("rate_limited", said, retryDelay(error).orElse(null));
        }
        if (code == 404 || status.equals("NOT_FOUND")) {
            return ProviderException.refusal("model_not_found", "Gemini has no model '" + properties.model()
                    + "' (set darkroom.providers.gemini.model): " + message);
        }
        if (code == 401 || code == 403) {
            return ProviderException.refusal("unauthorized", said);
        }
        if (code == 408 || code >= 500) {
            return ProviderException.transientFailure("unavailable", said);
        }
        return ProviderException.refusal("bad_request", said);
    }

    /** The {@code google.rpc.RetryInfo} detail's {@code retryDelay}, like {@code "21s"}. */
    private static Optional<Duration> retryDelay(JsonNode error) {
        JsonNode details = error == null ? null : error.get("details");
        if (details == null || !details.isArray()) {
            return Optional.empty();
        }
        for (JsonNode detail : details.values()) {
            String type = ProviderHttp.text(detail, "@type");
            if (type != null && type.endsWith("google.rpc.RetryInfo")) {
                return ProviderHttp.duration(ProviderHttp.text(detail, "retryDelay"));
            }
        }
        return Optional.empty();
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }
}
