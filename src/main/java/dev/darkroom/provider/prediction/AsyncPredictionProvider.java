package dev.darkroom.provider.prediction;

import dev.darkroom.provider.GeneratedImage;
import dev.darkroom.provider.ImageNormalizer;
import dev.darkroom.provider.ImageProvider;
import dev.darkroom.provider.ImageRequest;
import dev.darkroom.provider.ProviderDownloads;
import dev.darkroom.provider.ProviderException;
import dev.darkroom.provider.ProviderHttp;
import dev.darkroom.provider.ProviderPolicy;
import dev.darkroom.provider.ProvidersProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MutableHttpRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A provider that works by predictions: start one that calls back to the receiver when it completes (or collect a
 * recent one of the same image), wait for the callback through the prediction's row or poll when none comes in
 * time, download the output at once, and cancel a prediction that is abandoned. Subclasses speak their provider's
 * wire format: how a prediction is started, asked after and canceled, and what its failures mean.
 *
 * @param <W> where a prediction is reached again once started, such as the URLs the provider returned
 */
public abstract class AsyncPredictionProvider<W> implements ImageProvider {

    /** The settings every such provider has; its configuration record implements them. */
    public interface Settings {
        Duration timeout();

        Duration requestTimeout();

        Duration callbackGrace();

        Duration pollInterval();

        Duration reuseWithin();

        List<String> downloadHosts();

        long maxDownloadBytes();

        BigDecimal pricePerImage();

        int requestsPerMinute();

        int maxInFlight();
    }

    /**
     * How a provider is called: in configuration and rows ({@code replicate}), to people ({@code Replicate}), and
     * what it calls one asked-for image ({@code prediction}).
     */
    public record Naming(String name, String brand, String noun) {
    }

    /** A prediction the provider has accepted, and what it already said of it (mostly: still running). */
    public record Started<W>(String predictionId, W where, PredictionOutcome outcome) {
    }

    // Named after the adapter, so its log lines read as they did before this class existed.
    private final Logger log = LoggerFactory.getLogger(getClass());

    protected final ProviderHttp http;
    private final Naming naming;
    private final String callbackPath;
    private final Settings settings;
    private final ProvidersProperties providers;
    private final PredictionStore store;
    private final ProviderDownloads downloads;
    private final ImageNormalizer normalizer;

    protected AsyncPredictionProvider(Naming naming, String callbackPath, Settings settings,
                                      ProvidersProperties providers, ProviderHttp http, PredictionStore store,
                                      ProviderDownloads downloads, ImageNormalizer normalizer) {
        this.naming = naming;
        this.callbackPath = callbackPath;
        this.settings = settings;
        this.providers = providers;
        this.http = http;
        this.store = store;
        this.downloads = downloads;
        this.normalizer = normalizer;
    }

    /** Asks the provider for the image, with {@code callbackUrl} for it to call when done, if there is one. */
    protected abstract Started<W> start(ImageRequest request, Optional<String> callbackUrl);

    /** Where a prediction started earlier, perhaps by another worker, is reached: only its id is known. */
    protected abstract W locate(String predictionId);

    /** The request that asks after a prediction. */
    protected abstract MutableHttpRequest<?> statusRequest(W where);

    /** What a successful answer to {@link #statusRequest} says; it may ask the provider more. */
    protected abstract PredictionOutcome readStatus(ProviderHttp.Answer answer, W where);

    /** The request that cancels a prediction. */
    protected abstract MutableHttpRequest<?> cancelRequest(W where);

    /** What a failed prediction's error means: a refusal, or a failure worth another try. */
    protected abstract ProviderException failed(@Nullable String error);

    @Override
    public final String name() {
        return naming.name();
    }

    @Override
    public final ProviderPolicy policy() {
        return new ProviderPolicy(settings.requestsPerMinute(), settings.maxInFlight(), settings.pricePerImage());
    }

    @Override
    public final GeneratedImage generate(ImageRequest request) {
        Optional<Prediction> earlier = store.reusable(name(), request, settings.reuseWithin());
        Prediction prediction;
        W where;
        if (earlier.isPresent()) {
            prediction = earlier.get();
            where = locate(prediction.predictionId());
            log.info("image {} of job {}: collecting earlier {} {}", request.imageId(), request.jobId(), label(),
                    prediction.predictionId());
        } else {
            Started<W> started = start(request, callbackUrl());
            prediction = store.open(name(), started.predictionId(), request);
            if (started.outcome().status().isDone()) {
                store.complete(name(), started.predictionId(), started.outcome());
            }
            where = started.where();
        }
        PredictionOutcome outcome = await(prediction, where);
        return switch (outcome.status()) {
            case SUCCEEDED -> normalizer.fromProvider(name(), downloads.fetch(name(), outcome.outputUrl(),
                    new ProviderDownloads.Rules(settings.downloadHosts(), settings.maxDownloadBytes(),
                            settings.requestTimeout())));
            case FAILED -> throw failed(outcome.error());
            default -> throw ProviderException.transientFailure("prediction_canceled", label() + " "
                    + prediction.predictionId() + " was canceled");
        };
    }

    private PredictionOutcome await(Prediction prediction, W where) {
        Duration grace = callbackUrl().isPresent() ? settings.callbackGrace() : Duration.ZERO;
        try {
            return store.await(prediction, settings.timeout(), grace, settings.pollInterval(),
                    providers.callbackCheck(), () -> poll(prediction.predictionId(), where));
        } catch (InterruptedException e) {
            cancel(prediction, where);
            Thread.currentThread().interrupt();
            throw ProviderException.refusal("interrupted", "waiting for " + naming.brand() + " was abandoned");
        } catch (ProviderException e) {
            cancel(prediction, where);
            throw e;
        }
    }

    /** Asks after a prediction; anything short of a clear answer counts as still running, to be asked again. */
    private PredictionOutcome poll(String predictionId, W where) {
        try {
            ProviderHttp.Answer answer = http.send(statusRequest(where), settings.requestTimeout());
            if (answer.status() == 404) {
                return PredictionOutcome.failed(naming.brand() + " no longer knows " + naming.noun() + " "
                        + predictionId);
            }
            if (!answer.ok()) {
                log.warn("polling {} {} answered {}", label(), predictionId, answer.status());
                return PredictionOutcome.RUNNING;
            }
            return readStatus(answer, where);
        } catch (ProviderException e) {
            if ("interrupted".equals(e.code())) {
                throw e;
            }
            log.warn("polling {} {} failed: {}", label(), predictionId, e.getMessage());
            return PredictionOutcome.RUNNING;
        }
    }

    /** Best effort: an abandoned prediction should stop costing money. */
    private void cancel(Prediction prediction, W where) {
        boolean interrupted = Thread.interrupted();
        try {
            ProviderHttp.Answer answer = http.send(cancelRequest(where), Duration.ofSeconds(5));
            store.complete(name(), prediction.predictionId(), new PredictionOutcome(PredictionStatus.CANCELED, null,
                    "canceled by Darkroom"));
            log.info("canceled {} {} ({})", label(), prediction.predictionId(), answer.status());
        } catch (RuntimeException e) {
            log.warn("could not cancel {} {}: {}", label(), prediction.predictionId(), e.getMessage());
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
        return Optional.of(callbackBase.replaceAll("/+$", "") + callbackPath);
    }

    /** "Replicate prediction", "fal request": how log lines and messages name one. */
    private String label() {
        return naming.brand() + " " + naming.noun();
    }
}
