package dev.darkroom.job.outbox;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface DispatchRepository extends CrudRepository<Dispatch, String> {

    /**
     * Claims due dispatches, oldest first; rows another node holds are skipped, so no dispatch is sent by two nodes
     * at once. The order is by age, not by {@code due_at}, which claims and busy workers move around: a run held
     * back by a full worker keeps its place in the queue.
     */
    default List<Dispatch> lockDue(Instant now, int limit) {
        return lockReady(now, limit, DispatchStatus.DUE.name());
    }

    @Query("""
            SELECT * FROM dispatches
            WHERE status = :due AND due_at <= :now
            ORDER BY created_at, id
            LIMIT :limit
            FOR UPDATE SKIP LOCKED""")
    List<Dispatch> lockReady(Instant now, int limit, String due);

    List<Dispatch> findByJobIdAndStatus(String jobId, DispatchStatus status);

    /** Every run of the job that was due, oldest first (dispatches_job_idx): the job's timeline shows each. */
    List<Dispatch> findByJobIdOrderByCreatedAt(String jobId);

    /**
     * Due dispatches ahead of the one created at {@code createdAt} with {@code id}, in the order they are claimed,
     * counted up to {@code bound} at most: an index range over (status, created_at), however long the queue.
     */
    default long countDueAhead(Instant createdAt, String id, int bound) {
        return countAhead(DispatchStatus.DUE.name(), createdAt, id, bound);
    }

    @Query("""
            SELECT COUNT(*) FROM (
                SELECT 1 FROM dispatches
                WHERE status = :due AND (created_at < :createdAt OR (created_at = :createdAt AND id < :id))
                LIMIT :bound) ahead""")
    long countAhead(String due, Instant createdAt, String id, int bound);

    /**
     * The job's due dispatches, locked. A sender's claim that is committing waits its turn instead of turning the
     * caller's update into a version clash; callers hold the job's row lock first, as every sender does.
     */
    default List<Dispatch> lockDueOfJob(String jobId) {
        return lockOfJob(jobId, DispatchStatus.DUE.name());
    }

    @Query("SELECT * FROM dispatches WHERE job_id = :jobId AND status = :status FOR UPDATE")
    List<Dispatch> lockOfJob(String jobId, String status);

    Optional<Dispatch> findFirstByRunIdAndStatus(String runId, DispatchStatus status);
}
