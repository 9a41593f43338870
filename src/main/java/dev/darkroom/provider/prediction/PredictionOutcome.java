package dev.darkroom.provider.prediction;

import io.micronaut.core.annotation.Nullable;

/** What a provider says of a prediction, from its callback or when asked. */
public record PredictionOutcome(PredictionStatus status, @Nullable String outputUrl, @Nullable String error) {

    public static final PredictionOutcome RUNNING = new PredictionOutcome(PredictionStatus.PENDING, null, null);

    public static PredictionOutcome succeeded(String outputUrl) {
        return new PredictionOutcome(PredictionStatus.SUCCEEDED, outputUrl, null);
    }

    public static PredictionOutcome failed(@Nullable String error) {
        return new PredictionOutcome(PredictionStatus.FAILED, null, error);
    }
}
