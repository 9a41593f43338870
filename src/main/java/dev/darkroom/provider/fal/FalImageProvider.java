package dev.darkroom.provider.fal;

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

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * fal.ai's queue: submit with a webhook to the receiver, wait for it (through the request's row) or poll the
 * request's status when none comes in time, fetch the result and download the image, cancel what is abandoned.
 */
@Singleton
@Requires(property = "darkroom.providers.fal.api-key", pattern = ".+")
public class FalImageProvider extends AsyncPredictionProvider<FalImageProvider.Urls> {

    public static final String NAME = "fal";
    public static final String CALLBACK_PATH = "/v1/webhooks/providers/fal";

    private final FalProperties properties;
    private final String queue;
    private final ProviderKey key;

    public FalImageProvider(FalProperties properties, ProvidersProperties providers,
                            @Client(id = NAME) HttpClient client, JsonMapper json, PredictionStore store,
                            ProviderDownloads downloads, ImageNormalizer normalizer) {
        super(new Naming(NAME, "fal", "request"), CALLBACK_PATH, properties, providers,
                new ProviderHttp(client, json, NAME), store, downloads, normalizer);
        this.properties = properties;
        this.queue = properties.queueUrl().replaceAll("/+$", "");
        this.key = ProviderKey.header(NAME, queue, "Authorization", "Key " + properties.apiKey());
    }

    /** Where one queued request is read and canceled: the URLs fal returned, without the model's sub-path. */
    record Urls(String status, String response, String cancel) {
    }

    @Override
    protected Started<Urls> start(ImageRequest request, Optional<String> callbackUrl) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("prompt", request.prompt());
        input.put("image_size", properties.imageSize());
        input.put("num_images", 1);
        input.put("output_format", "jpeg");
        input.put("enable_safety_checker", true);
        String url = queue + "/" + properties.model() + callbackUrl
                .map(callback -> "?fal_webhook=" + URLEncoder.encode(callback, StandardCharsets.UTF_8))
                .orElse("");
        ProviderHttp.Answer answer = http.send(authorized(HttpRequest.POST(url, http.toJson(input))
                .contentType(MediaType.APPLICATION_JSON_TYPE)), properties.requestTimeout());
        if (!answer.ok()) {
            throw failure(answer);
        }
        JsonNode queued = http.parse(answer.body()).orElse(null);
        String id = PredictionIds.require(NAME, ProviderHttp.text(queued, "request_id"), "request_id");
        Urls derived = locate(id);
        // These URLs come from outside and the key goes with them: each must be on the queue's own origin.
        Urls urls = new Urls(
                queueUrl(queued, "status_url", derived.status()),
                queueUrl(queued, "response_url", derived.response()),
                queueUrl(queued, "cancel_url", derived.cancel()));
        return new Started<>(id, urls, PredictionOutcome.RUNNING);
    }

    private String queueUrl(JsonNode queued, String field, String derived) {
        String given = ProviderHttp.text(queued, field);
        if (given == null) {
            return derived;
        }
        key.requireHome(given, "the queue's " + field);
        return given;
    }

    /** fal's rule for a request's URLs: the app's owner and name, without the model's sub-path. */
    @Override
    protected Urls locate(String id) {
        String[] segments = properties.model().split("/");
        String app = segments.length >= 2 ? segments[0] + "/" + segments[1] : properties.model();
        String base = queue + "/" + app + "/requests/" + id;
        return new Urls(base + "/status", base, base + "/cancel");
    }

    @Override
    protected MutableHttpRequest<?> statusRequest(Urls urls) {
        return authorized(HttpRequest.GET(urls.status()));
    }

    /** The status says only whether the request is done; what came of it is fetched from its response URL. */
    @Override
    protected PredictionOutcome readStatus(ProviderHttp.Answer status, Urls urls) {
        JsonNode state = http.parse(status.body()).orElse(null);
        if (!"COMPLETED".equals(ProviderHttp.text(state, "status"))) {
            return PredictionOutcome.RUNNING;
        }
        String error = ProviderHttp.text(state, "error");
        if (error != null) {
            return PredictionOutcome.failed(error);
        }
        ProviderHttp.Answer result = http.send(authorized(HttpRequest.GET(urls.response())),
                properties.requestTimeout());
        if (result.status() == 422) {
            return PredictionOutcome.failed(FalResults.INVALID + result.text());
        }
        if (!result.ok()) {
            return result.status() >= 500 ? PredictionOutcome.RUNNING
                    : PredictionOutcome.failed("fal result answered " + result.status() + ": " + result.text());
        }
        return FalResults.ofResult(http.parse(result.body()).orElse(null));
    }

    @Override
    protected MutableHttpRequest<?> cancelRequest(Urls urls) {
        return authorized(HttpRequest.PUT(urls.cancel(), new byte[0]));
    }

    @Override
    protected ProviderException failed(@Nullable String error) {
        return FalResults.failure(error);
    }

    private <T> MutableHttpRequest<T> authorized(MutableHttpRequest<T> request) {
        return key.attach(request);
    }

    private ProviderException failure(ProviderHttp.Answer answer) {
        JsonNode problem = http.parse(answer.body()).orElse(null);
        String detail = problem != null && problem.get("detail") != null
                ? (problem.get("detail").isString() ? problem.get("detail").getStringValue()
                : problem.get("detail").toString())
                : answer.text();
        String type = answer.header("x-fal-error-type").orElse(ProviderHttp.text(problem, "error_type"));
        int status = answer.status();
        String said = "fal answered " + status + (type == null ? "" : " " + type) + ": " + detail;
        if (status == 429) {
            return ProviderException.transientFailure("rate_limited", said,
                    ProviderHttp.retryAfter(answer.headers()).orElse(null));
        }
        if (status == 404) {
            return ProviderException.refusal("model_not_found", "fal has no model '" + properties.model()
                    + "' (set darkroom.providers.fal.model): " + detail);
        }
        if (status == 401 || status == 403) {
            return ProviderException.refusal("unauthorized", said);
        }
        if (status == 408 || status >= 500) {
            return ProviderException.transientFailure("unavailable", said);
        }
        return ProviderException.refusal("bad_request", said);
    }
}
