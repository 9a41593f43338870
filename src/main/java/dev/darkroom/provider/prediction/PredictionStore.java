package dev.darkroom.provider.prediction;

import dev.darkroom.provider.ImageRequest;
import dev.darkroom.provider.ProviderException;
import io.micronaut.data.exceptions.DataAccessException;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The predictions of asynchronous providers, kept in the database: the worker that asked waits on the row, the
 * receiver that gets the provider's callback (on any node) marks it done, and a row that is done never changes.
 */
@Singleton
public class PredictionStore {

    private static final Logger LOG = LoggerFactory.getLogger(PredictionStore.class);

    private final PredictionRepository predictions;
    private final Clock clock;

    public PredictionStore(PredictionRepository predictions, Clock clock) {
        this.predictions = predictions;
        this.clock = clock;
    }

    /** What a callback came to. */
    public enum Completion {
        APPLIED, DUPLICATE, UNKNOWN
    }

    public Prediction open(String provider, String predictionId, ImageRequest request) {
        return predictions.save(new Prediction(Prediction.key(provider, predictionId), provider, predictionId,
                request.jobId(), request.imageId(), request.runId(), PredictionStatus.PENDING, null, null,
                clock.instant(), null, 0L));
    }

    /**
     * A prediction of this image made within {@code maxAge} that is still running or has succeeded, for example by
     * a worker that died before it could collect it: waiting for it costs nothing, asking again costs an image.
     */
    public Optional<Prediction> reusable(String provider, ImageRequest request, Duration maxAge) {
        return predictions.findFirstByProviderAndJobIdAndImageIdAndCreatedAtGreaterThanOrderByCreatedAtDesc(
                        provider, request.jobId(), request.imageId(), clock.instant().minus(maxAge))
                .filter(p -> p.status() == PredictionStatus.PENDING || p.status() == PredictionStatus.SUCCEEDED);
    }

    /** Records the provider's final word, once; a repeat, or a word on a prediction already done, changes nothing. */
    public Completion complete(String provider, String predictionId, PredictionOutcome outcome) {
        if (!outcome.status().isDone()) {
            return predictions.existsById(Prediction.key(provider, predictionId))
                    ? Completion.DUPLICATE : Completion.UNKNOWN;
        }
        Optional<Prediction> row = predictions.findById(Prediction.key(provider, predictionId));
        if (row.isEmpty()) {
            return Completion.UNKNOWN;
        }
        if (row.get().status().isDone()) {
            return Completion.DUPLICATE;
        }
        try {
            predictions.update(row.get().completed(outcome.status(), outcome.outputUrl(), outcome.error(),
                    clock.instant()));
            return Completion.APPLIED;
        } catch (DataAccessException e) {
            // The version moved: the worker's poll or another delivery got there first.
            return Completion.DUPLICATE;
        }
    }

    /**
     * Waits until the row is done (a callback marked it) or, once {@code callbackGrace} has passed without one,
     * until asking the provider every {@code pollInterval} says it is done, whichever comes first.
     */
    public PredictionOutcome await(Prediction prediction, Duration timeout, Duration callbackGrace,
                                   Duration pollInterval, Duration checkInterval,
                                   Supplier<PredictionOutcome> askProvider) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        long nextPoll = start + callbackGrace.toNanos();
        while (true) {
            Prediction row = predictions.findById(prediction.id()).orElse(prediction);
            if (row.status().isDone()) {
                return new PredictionOutcome(row.status(), row.outputUrl(), row.error());
            }
            long now = System.nanoTime();
            if (now - deadline >= 0) {
                throw ProviderException.transientFailure("timeout", prediction.provider() + " prediction "
                        + prediction.predictionId() + " not done within " + timeout);
            }
            if (now - nextPoll >= 0) {
                PredictionOutcome said = askProvider.get();
                if (said.status().isDone()) {
                    if (complete(prediction.provider(), prediction.predictionId(), said) == Completion.APPLIED) {
                        LOG.info("{} prediction {} found {} by polling: no callback came in time",
                                prediction.provider(), prediction.predictionId(), said.status());
                    }
                    // A callback may have landed first; the row's word is the one that counts.
                    return predictions.findById(prediction.id())
                            .filter(r -> r.status().isDone())
                            .map(r -> new PredictionOutcome(r.status(), r.outputUrl(), r.error()))
                            .orElse(said);
                }
                nextPoll = System.nanoTime() + pollInterval.toNanos();
            }
            long sleep = Math.min(checkInterval.toNanos(), Math.max(deadline - System.nanoTime(), 0));
            TimeUnit.NANOSECONDS.sleep(Math.max(sleep, TimeUnit.MILLISECONDS.toNanos(1)));
        }
    }
}
