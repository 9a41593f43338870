package dev.darkroom.job.events;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface JobEventRepository extends GenericRepository<JobEvent, Long> {

    /** The id comes from the identity column: the database alone orders the rows of every node. */
    @Query("INSERT INTO job_events (job_id, type, data, created_at) VALUES (:jobId, :type, :data, :createdAt)")
    void append(String jobId, String type, String data, Instant createdAt);

    /** A job's whole history, through the index on (job_id, id). */
    @Query("SELECT * FROM job_events WHERE job_id = :jobId ORDER BY id")
    List<JobEvent> history(String jobId);

    /** What every node wrote since {@code afterId}, through the primary key. */
    @Query("SELECT * FROM job_events WHERE id > :afterId ORDER BY id LIMIT :limit")
    List<JobEvent> after(long afterId, int limit);

    @Query("SELECT MAX(id) FROM job_events")
    Optional<Long> lastId();
}
