package dev.darkroom.provider.prediction;

/** Where a provider's prediction stands, as far as Darkroom knows. */
public enum PredictionStatus {
    PENDING, SUCCEEDED, FAILED, CANCELED;

    public boolean isDone() {
        return this != PENDING;
    }
}
