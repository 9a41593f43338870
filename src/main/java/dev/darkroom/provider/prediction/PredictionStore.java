package dev.darkroom.provider.prediction;

import dev.darkroom.provider.ImageRequest;
import dev.darkroom.provider.ProviderException;
import io.micronaut.data.exceptions.DataAccessException;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The predictions of asynchronous providers, kept in the database: the worker that asked waits on the row, the
 * receiver that gets the provider's callback (on any node) marks it done, and a row that is done never changes.
 *
 * <p>Its database work runs on threads of its own: the worker abandons a late provider call by interrupting its
 * thread, and an interrupt in the middle of file I/O closes an embedded H2 database's file under everyone.
 */
@Singleton
public class PredictionStore {

    private static final Logger LOG = LoggerFactory.getLogger(PredictionStore.class);

    private final PredictionRepository repository;
    private final Clock clock;
    private final ExecutorService database = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "prediction-db");
        t.setDaemon(true);
        return t;
    });

    public PredictionStore(PredictionRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    /** The repository, reached only from threads nobody interrupts; waiting for it ignores interrupts too. */
    private <T> T db(Function<PredictionRepository, T> work) {
        try {
            return CompletableFuture.supplyAsync(() -> work.apply(repository), database).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    @PreDestroy
    void close() {
        database.shutdown();
    }

    /** What a callback came to. */
    public enum Completion {
        APPLIED, DUPLICATE, UNKNOWN
    }

    public Prediction open(String provider, String predictionId, ImageRequest request) {
        Prediction row = new Prediction(Prediction.key(provider, predictionId), provider, predictionId,
                request.jobId(), request.imageId(), request.runId(), PredictionStatus.PENDING, null, null,
                clock.instant(), null, 0L);
        return db(predictions -> predictions.save(row));
    }

    /**
     * A prediction of this image made within {@code maxAge} that is still running or has succeeded, for example by
     * a worker that died before it could collect it: waiting for it costs nothing, asking again costs an image.
     */
    public Optional<Prediction> reusable(String provider, ImageRequest request, Duration maxAge) {
        return db(predictions -> predictions
                .findFirstByProviderAndJobIdAndImageIdAndCreatedAtGreaterThanOrderByCreatedAtDesc(
                        provider, request.jobId(), request.imageId(), clock.instant().minus(maxAge)))
                .filter(p -> p.status() == PredictionStatus.PENDING || p.status() == PredictionStatus.SUCCEEDED);
    }

    /** Records the provider's final word, once; a repeat, or a word on a prediction already done, changes nothing. */
    public Completion complete(String provider, String predictionId, PredictionOutcome outcome) {
        if (!outcome.status().isDone()) {
            return db(predictions -> predictions.existsById(Prediction.key(provider, predictionId)))
                    ? Completion.DUPLICATE : Completion.UNKNOWN;
        }
        Optional<Prediction> row = find(Prediction.key(provider, predictionId));
        if (row.isEmpty()) {
            return Completion.UNKNOWN;
        }
        if (row.get().status().isDone()) {
            return Completion.DUPLICATE;
        }
        Prediction done = row.get().completed(outcome.status(), outcome.outputUrl(), outcome.error(),
                clock.instant());
        try {
            db(predictions -> predictions.update(done));
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
            Prediction row = find(prediction.id()).orElse(prediction);
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
                    return find(prediction.id())
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

    private Optional<Prediction> find(String id) {
        return db(predictions -> predictions.findById(id));
    }
}
