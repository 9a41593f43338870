package dev.darkroom.provider.prediction;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface PredictionRepository extends CrudRepository<Prediction, String> {

    Optional<Prediction> findFirstByProviderAndJobIdAndImageIdAndCreatedAtGreaterThanOrderByCreatedAtDesc(
            String provider, String jobId, String imageId, Instant after);

    /** At most {@code batch} of the oldest predictions created before the cutoff. */
    @Query("DELETE FROM provider_predictions WHERE created_at < :cutoff AND id IN (SELECT id "
            + "FROM provider_predictions WHERE created_at < :cutoff ORDER BY created_at LIMIT :batch)")
    int deleteCreatedBefore(Instant cutoff, int batch);
}
