package dev.darkroom.job;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface JobRepository extends CrudRepository<Job, String> {

    /** Locks the job row: events of one job are applied one at a time, in any order they arrive. */
    @Query("SELECT * FROM jobs WHERE id = :id FOR UPDATE")
    Optional<Job> findByIdForUpdate(String id);

    Optional<Job> findByActiveCaseId(String activeCaseId);

    Optional<Job> findByIdempotencyKey(String idempotencyKey);

    Optional<Job> findFirstByCaseIdOrderByCreatedAtDesc(String caseId);

    /** Active jobs that went quiet; SKIP LOCKED lets several recovery nodes share the work. */
    @Query("""
            SELECT * FROM jobs
            WHERE status IN ('DISPATCHED', 'GENERATING') AND last_activity_at < :before
            ORDER BY last_activity_at
            LIMIT :limit
            FOR UPDATE SKIP LOCKED""")
    List<Job> lockQuietJobs(Instant before, int limit);
}
