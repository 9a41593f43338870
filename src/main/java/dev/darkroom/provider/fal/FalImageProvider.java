package dev.darkroom.provider.fal;

import dev.darkroom.provider.GeneratedImage;
import dev.darkroom.provider.ImageNormalizer;
import dev.darkroom.provider.ImageProvider;
import dev.darkroom.provider.ImageRequest;
import dev.darkroom.provider.ProviderDownloads;
import dev.darkroom.provider.ProviderException;
import dev.darkroom.provider.ProviderHttp;
import dev.darkroom.provider.ProviderPolicy;
import dev.darkroom.provider.ProvidersProperties;
import dev.darkroom.provider.prediction.Prediction;
import dev.darkroom.provider.prediction.PredictionOutcome;
import dev.darkroom.provider.prediction.PredictionStatus;
import dev.darkroom.provider.prediction.PredictionStore;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * fal.ai's queue: submit with a webhook to the receiver, wait for it (through the request's row) or poll the
 * request's status when none comes in time, fetch the result and download the image, cancel what is abandoned.
 */
@Singleton
@Requires(property = "darkroom.providers.fal.api-key", pattern = ".+")
public class FalImageProvider implements ImageProvider {

    public static final String NAME = "fal";
    public static final String CALLBACK_PATH = "/v1/webhooks/providers/fal";

    private static final Logger LOG = LoggerFactory.getLogger(FalImageProvider.class);

    private final FalProperties properties;
    private final ProvidersProperties providers;
    private final ProviderHttp http;
    private final PredictionStore store;
    private final ProviderDownloads downloads;
    private final ImageNormalizer normalizer;
    private final String queue;

    public FalImageProvider(FalProperties properties, ProvidersProperties providers,
                            @Client(id = NAME) HttpClient client, JsonMapper json, PredictionStore store,
                            ProviderDownloads downloads, ImageNormalizer normalizer) {
        this.properties = properties;
        this.providers = providers;
        this.http = new ProviderHttp(client, json, NAME);
        this.store = store;
        this.downloads = downloads;
        this.normalizer = normalizer;
        this.queue = properties.queueUrl().replaceAll("/+$", "");
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

    /** Where one queued request is read and canceled: the URLs fal returned, without the model's sub-path. */
    record Urls(String status, String response, String cancel) {
    }

    @Override
    public GeneratedImage generate(ImageRequest request) {
        Optional<Prediction> earlier = store.reusable(NAME, request, properties.reuseWithin());
        Prediction prediction;
        Urls urls;
        if (earlier.isPresent()) {
            prediction = earlier.get();
            urls = derivedUrls(prediction.predictionId());
            LOG.info("image {} of job {}: collecting earlier fal request {}", request.imageId(), request.jobId(),
                    prediction.predictionId());
        } else {
            Map.Entry<Prediction, Urls> submitted = submit(request);
            prediction = submitted.getKey();
            urls = submitted.getValue();
        }
        PredictionOutcome outcome = await(prediction, urls);
        return switch (outcome.status()) {
            case SUCCEEDED -> normalizer.fromProvider(NAME, downloads.fetch(NAME, outcome.outputUrl(),
                    new ProviderDownloads.Rules(properties.downloadHosts(), properties.maxDownloadBytes(),
                            properties.requestTimeout())));
            case FAILED -> throw FalResults.failure(outcome.error());
            default -> throw ProviderException.transientFailure("prediction_canceled", "fal request "
                    + prediction.predictionId() + " was canceled");
        };
    }

    private Map.Entry<Prediction, Urls> submit(ImageRequest request) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("prompt", request.prompt());
        input.put("image_size", properties.imageSize());
        input.put("num_images", 1);
        input.put("output_format", "jpeg");
        input.put("enable_safety_checker", true);
        String url = queue + "/" + properties.model() + callbackUrl()
                .map(callback -> "?fal_webhook=" + URLEncoder.encode(callback, StandardCharsets.UTF_8))
                .orElse("");
        ProviderHttp.Answer answer = http.send(authorized(HttpRequest.POST(url, http.toJson(input))
                .contentType(MediaType.APPLICATION_JSON_TYPE)), properties.requestTimeout());
        if (!answer.ok()) {
            throw failure(answer);
        }
        JsonNode queued = http.parse(answer.body()).orElse(null);
        String id = ProviderHttp.text(queued, "request_id");
        if (id == null || id.isBlank()) {
            throw ProviderException.refusal("bad_output", "fal queued a request without a request_id");
        }
        Urls derived = derivedUrls(id);
        Urls urls = new Urls(
                Optional.ofNullable(ProviderHttp.text(queued, "status_url")).orElse(derived.status()),
                Optional.ofNullable(ProviderHttp.text(queued, "response_url")).orElse(derived.response()),
                Optional.ofNullable(ProviderHttp.text(queued, "cancel_url")).orElse(derived.cancel()));
        return Map.entry(store.open(NAME, id, request), urls);
    }

    /** fal's rule for a request's URLs: the app's owner and name, without the model's sub-path. */
    private Urls derivedUrls(String id) {
        String[] segments = properties.model().split("/");
        String app = segments.length >= 2 ? segments[0] + "/" + segments[1] : properties.model();
        String base = queue + "/" + app + "/requests/" + id;
        return new Urls(base + "/status", base, base + "/cancel");
    }

    private PredictionOutcome await(Prediction prediction, Urls urls) {
        Duration grace = callbackUrl().isPresent() ? properties.callbackGrace() : Duration.ZERO;
        try {
            return store.await(prediction, properties.timeout(), grace, properties.pollInterval(),
                    providers.callbackCheck(), () -> poll(prediction.predictionId(), urls));
        } catch (InterruptedException e) {
            cancel(prediction, urls);
            Thread.currentThread().interrupt();
            throw ProviderException.refusal("interrupted", "waiting for fal was abandoned");
        } catch (ProviderException e) {
            cancel(prediction, urls);
            throw e;
        }
    }

    private PredictionOutcome poll(String id, Urls urls) {
        try {
            ProviderHttp.Answer status = http.send(authorized(HttpRequest.GET(urls.status())),
                    properties.requestTimeout());
            if (status.status() == 404) {
                return PredictionOutcome.failed("fal no longer knows request " + id);
            }
            if (!status.ok()) {
                LOG.warn("polling fal request {} answered {}", id, status.status());
                return PredictionOutcome.RUNNING;
            }
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
        } catch (ProviderException e) {
            if ("interrupted".equals(e.code())) {
                throw e;
            }
            LOG.warn("polling fal request {} failed: {}", id, e.getMessage());
            return PredictionOutcome.RUNNING;
        }
    }

    /** Best effort: an abandoned request should stop costing money. */
    private void cancel(Prediction prediction, Urls urls) {
        boolean interrupted = Thread.interrupted();
        try {
            ProviderHttp.Answer answer = http.send(authorized(HttpRequest.PUT(urls.cancel(), new byte[0])),
                    Duration.ofSeconds(5));
            store.complete(NAME, prediction.predictionId(), new PredictionOutcome(PredictionStatus.CANCELED, null,
                    "canceled by Darkroom"));
            LOG.info("canceled fal request {} ({})", prediction.predictionId(), answer.status());
        } catch (RuntimeException e) {
            LOG.warn("could not cancel fal request {}: {}", prediction.predictionId(), e.getMessage());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private <T> MutableHttpRequest<T> authorized(MutableHttpRequest<T> request) {
        return request.header("Authorization", "Key " + properties.apiKey());
    }

    private Optional<String> callbackUrl() {
        String callbackBase = providers.callbackBaseUrl();
        if (callbackBase == null || callbackBase.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(callbackBase.replaceAll("/+$", "") + CALLBACK_PATH);
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
