package dev.darkroom.job.callback;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface CallbackRepository extends CrudRepository<Callback, String> {

    /** Due callbacks, soonest first; rows another node holds are skipped, so no event goes out twice at once. */
    default List<Callback> lockDue(Instant now, int limit) {
        return lockReady(now, limit, CallbackStatus.DUE.name());
    }

    @Query("""
            SELECT * FROM callbacks
            WHERE status = :due AND due_at <= :now
            ORDER BY due_at, job_id
            LIMIT :limit
            FOR UPDATE SKIP LOCKED""")
    List<Callback> lockReady(Instant now, int limit, String due);

    @Query("SELECT * FROM callbacks WHERE job_id = :jobId FOR UPDATE")
    Optional<Callback> lock(String jobId);

    /**
     * Moves the job row's version on: the job view's ETag and this node's copy of it are keyed by that version,
     * and an attempt changes the view without otherwise touching the job.
     */
    @Query("UPDATE jobs SET version = version + 1 WHERE id = :jobId")
    void touchJob(String jobId);
}
