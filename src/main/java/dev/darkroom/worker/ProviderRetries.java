package dev.darkroom.worker;

import dev.darkroom.Backoff;
import dev.darkroom.observe.JobTraces;
import dev.darkroom.provider.GeneratedImage;
import dev.darkroom.provider.ImageNormalizer;
import dev.darkroom.provider.ImageRequest;
import dev.darkroom.provider.ProviderChain;
import dev.darkroom.provider.ProviderException;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.propagation.PropagatedContext;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One provider's tries at one image: the first call and its retries of transient failures, each call bounded by
 * {@code darkroom.worker.image-timeout}. The call runs on a thread of its own and is abandoned when late, so the
 * timeout fires even for a provider client that ignores it.
 */
@Singleton
@Requires(property = "darkroom.roles.worker", notEquals = "false")
class ProviderRetries {

    /** The executor of provider calls (micronaut.executors.darkroom-provider-calls). */
    static final String CALLS = "darkroom-provider-calls";
    private static final Logger LOG = LoggerFactory.getLogger(ProviderRetries.class);

    private final ImageNormalizer normalizer;
    private final WorkerProperties properties;
    private final ExecutorService calls;
    private final JobTraces traces;

    ProviderRetries(ImageNormalizer normalizer, WorkerProperties properties, @Named(CALLS) ExecutorService calls,
                    JobTraces traces) {
        this.traces = traces;
        this.normalizer = normalizer;
        this.properties = properties;
        this.calls = calls;
    }

    /**
     * The image from this provider, or the failure that ends its tries: a refusal, a transient failure after the
     * last retry, or one that should go to the next provider at once (its circuit opened, or it asked for a longer
     * wait than an image's timeout). Never called for a run that is stopped; gives up as soon as it is.
     */
    GeneratedImage generate(ProviderChain.Route route, boolean lastResort, ImageRequest request, RunToken token) {
        ProviderException last = null;
        for (int attempt = 0; attempt <= properties.maxRetries(); attempt++) {
            if (attempt > 0) {
                Duration wait = waitBeforeRetry(route, lastResort, attempt, last);
                if (!Backoff.pause(wait) || token.stopped()) {
                    throw last;
                }
            }
            try {
                return normalizer.normalize(route.generate(request, lastResort, r -> callWithTimeout(route, r)));
            } catch (ProviderException e) {
                if (ProviderChain.Route.CIRCUIT_OPEN.equals(e.code())) {
                    throw e; // no call was made: nothing to retry here
                }
                last = e;
                LOG.warn("image {} attempt {} with {} failed: {} {}", request.image().imageId(), attempt + 1,
                        route.name(), e.code(), e.getMessage());
                if (!e.retryable() || token.stopped()) {
                    throw e;
                }
            } catch (RuntimeException e) {
                ProviderException unusable = ProviderException.refusal("bad_output",
                        "the provider's output could not be used: " + e.getMessage());
                LOG.warn("image {} from {}: {}", request.image().imageId(), route.name(), unusable.getMessage());
                throw unusable;
            }
        }
        throw last;
    }

    /** How long to wait before retry {@code attempt}; throws {@code last} when the image should move on instead. */
    private Duration waitBeforeRetry(ProviderChain.Route route, boolean lastResort, int attempt,
                                     ProviderException last) {
        Duration asked = last.retryAfter();
        boolean longWait = asked != null && asked.compareTo(properties.imageTimeout()) > 0;
        // A provider that is down, or wants more than an image's timeout of quiet, is left for the next.
        if (!lastResort && (route.circuitOpen() || longWait)) {
            throw last;
        }
        if (asked == null) {
            return Backoff.before(attempt, properties.retryBackoff(), properties.imageTimeout());
        }
        Duration wanted = longWait ? properties.imageTimeout() : asked;
        return wanted.compareTo(properties.maxRetryAfter()) <= 0 ? wanted : properties.maxRetryAfter();
    }

    private GeneratedImage callWithTimeout(ProviderChain.Route route, ImageRequest request) {
        return traces.traced("provider call", Map.of("darkroom.provider", route.name(),
                "darkroom.image_id", request.image().imageId()), () -> callInSpan(route, request));
    }

    private GeneratedImage callInSpan(ProviderChain.Route route, ImageRequest request) {
        Callable<GeneratedImage> generate = () -> route.provider().generate(request);
        Future<GeneratedImage> call = calls.submit(PropagatedContext.wrapCurrent(generate));
        try {
            return call.get(properties.imageTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            call.cancel(true);
            throw ProviderException.transientFailure("timeout", "no image within " + properties.imageTimeout());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ProviderException p) {
                throw p;
            }
            throw ProviderException.transientFailure("provider_error", String.valueOf(e.getCause()));
        } catch (InterruptedException | CancellationException e) {
            // The run's token stopped this thread: the call is abandoned with it.
            call.cancel(true);
            Thread.currentThread().interrupt();
            throw ProviderException.refusal(ProviderChain.Route.INTERRUPTED, "the run was stopped");
        }
    }
}
