package dev.darkroom.provider.prediction;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Version;

import java.time.Instant;

/** One image asked of an asynchronous provider, and what came of it. */
@MappedEntity("provider_predictions")
public record Prediction(
        @Id String id,
        String provider,
        String predictionId,
        String jobId,
        String imageId,
        String runId,
        PredictionStatus status,
        @Nullable String outputUrl,
        @Nullable String error,
        Instant createdAt,
        @Nullable Instant completedAt,
        @Version Long version) {

    public static String key(String provider, String predictionId) {
        return provider + ":" + predictionId;
    }

    public Prediction completed(PredictionStatus next, @Nullable String url, @Nullable String why, Instant now) {
        String reason = why == null || why.length() <= 1000 ? why : why.substring(0, 1000);
        return new Prediction(id, provider, predictionId, jobId, imageId, runId, next, url, reason, createdAt, now,
                version);
    }
}
