package dev.darkroom.provider.prediction;

import io.micronaut.core.annotation.Nullable;

/** What a provider says of a prediction, from its callback or when asked. */
public record PredictionOutcome(PredictionStatus status, @Nullable String outputUrl, @Nullable String error) {

    public static final PredictionOutcome RUNNING = new PredictionOutcome(PredictionStatus.PENDING, null, null);

    /** Longest output URL kept ({@code output_url} is 2,000 characters); a longer one is the provider's fault. */
    public static final int MAX_URL_LENGTH = 2000;

    public static PredictionOutcome succeeded(String outputUrl) {
        if (outputUrl.length() > MAX_URL_LENGTH) {
            return failed("bad_output: the output URL is longer than " + MAX_URL_LENGTH + " characters");
        }
        return new PredictionOutcome(PredictionStatus.SUCCEEDED, outputUrl, null);
    }

    public static PredictionOutcome failed(@Nullable String error) {
        return new PredictionOutcome(PredictionStatus.FAILED, null, error);
    }
}
