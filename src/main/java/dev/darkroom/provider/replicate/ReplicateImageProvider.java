package dev.darkroom.provider.replicate;

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
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Replicate, asynchronous: create a prediction that calls back to the receiver when it completes, wait for the
 * callback (through the prediction's row) or poll when none comes in time, download the output at once (it is
 * deleted after an hour), and cancel a prediction that is abandoned.
 */
@Singleton
@Requires(property = "darkroom.providers.replicate.api-key", pattern = ".+")
public class ReplicateImageProvider implements ImageProvider {

    public static final String NAME = "replicate";
    public static final String CALLBACK_PATH = "/v1/webhooks/providers/replicate";

    private static final Logger LOG = LoggerFactory.getLogger(ReplicateImageProvider.class);

    private final ReplicateProperties properties;
    private final ProvidersProperties providers;
    private final ProviderHttp http;
    private final PredictionStore store;
    private final ProviderDownloads downloads;
    private final ImageNormalizer normalizer;
    private final String base;

    public ReplicateImageProvider(ReplicateProperties properties, ProvidersProperties providers,
                                  @Client(id = NAME) HttpClient client, JsonMapper json, PredictionStore store,
                                  ProviderDownloads downloads, ImageNormalizer normalizer) {
        this.properties = properties;
        this.providers = providers;
        this.http = new ProviderHttp(client, json, NAME);
        this.store = store;
        this.downloads = downloads;
        this.normalizer = normalizer;
        this.base = properties.baseUrl().replaceAll("/+$", "");
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
        Prediction prediction = store.reusable(NAME, request, properties.reuseWithin())
                .map(p -> {
                    LOG.info("image {} of job {}: collecting earlier Replicate prediction {}", request.imageId(),
                            request.jobId(), p.predictionId());
                    return p;
                })
                .orElseGet(() -> create(request));
        PredictionOutcome outcome = await(prediction);
        return switch (outcome.status()) {
            case SUCCEEDED -> normalizer.fromProvider(NAME, downloads.fetch(NAME, outcome.outputUrl(),
                    new ProviderDownloads.Rules(properties.downloadHosts(), properties.maxDownloadBytes(),
                            properties.requestTimeout())));
            case FAILED -> throw failed(outcome.error());
            default -> throw ProviderException.transientFailure("prediction_canceled", "Replicate prediction "
                    + prediction.predictionId() + " was canceled");
        };
    }

    private Prediction create(ImageRequest request) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("prompt", request.prompt());
        input.put("aspect_ratio", "1:1");
        input.put("num_outputs", 1);
        input.put("output_format", "jpg");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("input", input);
        callbackUrl().ifPresent(url -> {
            body.put("webhook", url);
            body.put("webhook_events_filter", List.of("completed"));
        });
        ProviderHttp.Answer answer = http.send(HttpRequest.POST(base + "/models/" + properties.model()
                        + "/predictions", http.toJson(body))
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .bearerAuth(properties.apiKey()), properties.requestTimeout());
        if (!answer.ok()) {
            throw failure(answer);
        }
        JsonNode created = http.parse(answer.body()).orElse(null);
        String id = ProviderHttp.text(created, "id");
        if (id == null || id.isBlank()) {
            throw ProviderException.refusal("bad_output", "Replicate created a prediction without an id");
        }
        Prediction prediction = store.open(NAME, id, request);
        PredictionOutcome already = outcomeOf(created);
        if (already.status().isDone()) {
            store.complete(NAME, id, already);
        }
        return prediction;
    }

    private PredictionOutcome await(Prediction prediction) {
        Duration grace = callbackUrl().isPresent() ? properties.callbackGrace() : Duration.ZERO;
        try {
            return store.await(prediction, properties.timeout(), grace, properties.pollInterval(),
                    providers.callbackCheck(), () -> poll(prediction.predictionId()));
        } catch (InterruptedException e) {
            cancel(prediction);
            Thread.currentThread().interrupt();
            throw ProviderException.refusal("interrupted", "waiting for Replicate was abandoned");
        } catch (ProviderException e) {
            cancel(prediction);
            throw e;
        }
    }

    private PredictionOutcome poll(String predictionId) {
        try {
            ProviderHttp.Answer answer = http.send(HttpRequest.GET(base + "/predictions/" + predictionId)
                    .bearerAuth(properties.apiKey()), properties.requestTimeout());
            if (answer.status() == 404) {
                return PredictionOutcome.failed("Replicate no longer knows prediction " + predictionId);
            }
            if (!answer.ok()) {
                LOG.warn("polling Replicate prediction {} answered {}", predictionId, answer.status());
                return PredictionOutcome.RUNNING;
            }
            return http.parse(answer.body()).map(ReplicateImageProvider::outcomeOf)
                    .orElse(PredictionOutcome.RUNNING);
        } catch (ProviderException e) {
            if ("interrupted".equals(e.code())) {
                throw e;
            }
            LOG.warn("polling Replicate prediction {} failed: {}", predictionId, e.getMessage());
            return PredictionOutcome.RUNNING;
        }
    }

    /** Best effort: an abandoned prediction should stop costing money. */
    private void cancel(Prediction prediction) {
        boolean interrupted = Thread.interrupted();
        try {
            ProviderHttp.Answer answer = http.send(HttpRequest.POST(base + "/predictions/"
                    + prediction.predictionId() + "/cancel", new byte[0])
                    .bearerAuth(properties.apiKey()), Duration.ofSeconds(5));
            store.complete(NAME, prediction.predictionId(), new PredictionOutcome(PredictionStatus.CANCELED, null,
                    "canceled by Darkroom"));
            LOG.info("canceled Replicate prediction {} ({})", prediction.predictionId(), answer.status());
        } catch (RuntimeException e) {
            LOG.warn("could not cancel Replicate prediction {}: {}", prediction.predictionId(), e.getMessage());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private Optional<String> callbackUrl() {
        String callbackBase = providers.callbackBaseUrl();
        if (callbackBase == null || callbackBase.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(callbackBase.replaceAll("/+$", "") + CALLBACK_PATH);
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

    private static ProviderException failed(@Nullable String error) {
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
