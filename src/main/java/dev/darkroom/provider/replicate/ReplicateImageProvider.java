package dev.darkroom.provider.replicate;

import dev.darkroom.provider.ImageNormalizer;
import dev.darkroom.provider.ImageRequest;
import dev.darkroom.provider.ProviderDownloads;
import dev.darkroom.provider.ProviderException;
import dev.darkroom.provider.ProviderHttp;
import dev.darkroom.provider.ProviderKey;
import dev.darkroom.provider.ProvidersProperties;
import dev.darkroom.provider.prediction.AsyncPredictionProvider;
import dev.darkroom.provider.prediction.PredictionIds;
import dev.darkroom.provider.prediction.PredictionOutcome;
import dev.darkroom.provider.prediction.PredictionStatus;
import dev.darkroom.provider.prediction.PredictionStore;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Replicate, asynchronous: create a prediction that calls back to the receiver when it completes, wait for the
 * callback (through the prediction's row) or poll when none comes in time, download the output at once (it is
 * deleted after an hour), and cancel a prediction that is abandoned. A prediction is reached at its URL,
 * {@code {base}/predictions/{id}}.
 */
@Singleton
@Requires(property = "darkroom.providers.replicate.api-key", pattern = ".+")
public class ReplicateImageProvider extends AsyncPredictionProvider<String> {

    public static final String NAME = "replicate";
    public static final String CALLBACK_PATH = "/v1/webhooks/providers/replicate";

    private final ReplicateProperties properties;
    private final String base;
    private final ProviderKey key;

    public ReplicateImageProvider(ReplicateProperties properties, ProvidersProperties providers,
                                  @Client(id = NAME) HttpClient client, JsonMapper json, PredictionStore store,
                                  ProviderDownloads downloads, ImageNormalizer normalizer) {
        super(new Naming(NAME, "Replicate", "prediction"), CALLBACK_PATH, properties, providers,
                new ProviderHttp(client, json, NAME), store, downloads, normalizer);
        this.properties = properties;
        this.base = properties.baseUrl().replaceAll("/+$", "");
        this.key = ProviderKey.bearer(NAME, base, properties.apiKey());
    }

    @Override
    protected Started<String> start(ImageRequest request, Optional<String> callbackUrl) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("prompt", request.prompt());
        input.put("aspect_ratio", "1:1");
        input.put("num_outputs", 1);
        input.put("output_format", "jpg");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("input", input);
        callbackUrl.ifPresent(url -> {
            body.put("webhook", url);
            body.put("webhook_events_filter", List.of("completed"));
        });
        ProviderHttp.Answer answer = http.send(key.attach(HttpRequest.POST(base + "/models/" + properties.model()
                        + "/predictions", http.toJson(body))
                .contentType(MediaType.APPLICATION_JSON_TYPE)), properties.requestTimeout());
        if (!answer.ok()) {
            throw failure(answer);
        }
        JsonNode created = http.parse(answer.body()).orElse(null);
        // The id becomes part of the URL the key goes to; its urls.get is not used, the URL is derived from base.
        String id = PredictionIds.require("Replicate", ProviderHttp.text(created, "id"), "id");
        // The answer is a prediction object like any other: it may already say how the prediction ended.
        return new Started<>(id, locate(id), outcomeOf(created));
    }

    @Override
    protected String locate(String predictionId) {
        return base + "/predictions/" + predictionId;
    }

    @Override
    protected MutableHttpRequest<?> statusRequest(String url) {
        return key.attach(HttpRequest.GET(url));
    }

    @Override
    protected PredictionOutcome readStatus(ProviderHttp.Answer answer, String url) {
        return http.parse(answer.body()).map(ReplicateImageProvider::outcomeOf).orElse(PredictionOutcome.RUNNING);
    }

    @Override
    protected MutableHttpRequest<?> cancelRequest(String url) {
        return key.attach(HttpRequest.POST(url + "/cancel", new byte[0]));
    }

    /** Reads a prediction object, as the API returns it and as its webhooks post it. */
    public static PredictionOutcome outcomeOf(@Nullable JsonNode prediction) {
        String status = Optional.ofNullable(ProviderHttp.text(prediction, "status")).orElse("");
        return switch (status) {
            case "succeeded" -> {
                String url = firstUrl(prediction.get("output"));
                yield url == null ? PredictionOutcome.failed("bad_output: succeeded without an output URL")
                        : PredictionOutcome.succeeded(url);
            }
            case "failed" -> PredictionOutcome.failed(Optional.ofNullable(errorText(prediction.get("error")))
                    .orElse("the prediction failed"));
            case "canceled", "aborted" -> new PredictionOutcome(PredictionStatus.CANCELED, null, status);
            default -> PredictionOutcome.RUNNING;
        };
    }

    @Nullable
    private static String firstUrl(@Nullable JsonNode output) {
        if (output == null) {
            return null;
        }
        if (output.isString()) {
            return output.getStringValue();
        }
        if (output.isArray() && output.size() > 0 && output.get(0).isString()) {
            return output.get(0).getStringValue();
        }
        return null;
    }

    @Nullable
    private static String errorText(@Nullable JsonNode error) {
        if (error == null || error.isNull()) {
            return null;
        }
        return error.isString() ? error.getStringValue() : error.toString();
    }

    @Override
    protected ProviderException failed(@Nullable String error) {
        String why = error == null ? "the prediction failed" : error;
        if (why.startsWith("bad_output")) {
            return ProviderException.refusal("bad_output", "Replicate: " + why);
        }
        String lower = why.toLowerCase(Locale.ROOT);
        if (lower.contains("nsfw") || lower.contains("sensitive") || lower.contains("safety")) {
            return ProviderException.refusal("content_policy", "Replicate refused: " + why);
        }
        return ProviderException.transientFailure("prediction_failed", "Replicate prediction failed: " + why);
    }

    private ProviderException failure(ProviderHttp.Answer answer) {
        JsonNode problem = http.parse(answer.body()).orElse(null);
        String detail = Optional.ofNullable(ProviderHttp.text(problem, "detail"))
                .orElseGet(() -> Optional.ofNullable(ProviderHttp.text(problem, "title")).orElse(answer.text()));
        int status = answer.status();
        String said = "Replicate answered " + status + ": " + detail;
        if (status == 429) {
            return ProviderException.transientFailure("rate_limited", said,
                    ProviderHttp.retryAfter(answer.headers()).orElse(null));
        }
        if (status == 404) {
            return ProviderException.refusal("model_not_found", "Replicate has no model '" + properties.model()
                    + "' (set darkroom.providers.replicate.model): " + detail);
        }
        if (status == 401 || status == 403) {
            return ProviderException.refusal("unauthorized", said);
        }
        if (status == 402) {
            return ProviderException.refusal("insufficient_quota", said);
        }
        if (status == 408 || status == 409 || status >= 500) {
            return ProviderException.transientFailure("unavailable", said);
        }
        return ProviderException.refusal("bad_request", said);
    }
}
