package dev.darkroom.job;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface JobRepository extends CrudRepository<Job, String> {

    /** Locks the job row: events of one job are applied one at a time, in any order they arrive. */
    @Query("SELECT * FROM jobs WHERE id = :id FOR UPDATE")
    Optional<Job> findByIdForUpdate(String id);

    Optional<Job> findByActiveCaseId(String activeCaseId);

    /**
     * The case's active job and the job of this Idempotency-Key (if any), in one read before a create. Two branches,
     * not one OR: each takes its own unique index, where an OR of two columns makes H2 scan the whole table. Without
     * a key only the case is asked for: {@code idempotency_key = NULL} matches nothing, but H2 walks every job
     * without a key to find that out.
     */
    default List<Job> findActiveOrKeyed(String caseId, @Nullable String idempotencyKey) {
        return idempotencyKey == null ? findByActiveCaseId(caseId).stream().toList()
                : findActiveOrWithKey(caseId, idempotencyKey);
    }

    @Query("SELECT * FROM jobs WHERE active_case_id = :caseId "
            + "UNION ALL SELECT * FROM jobs WHERE idempotency_key = :idempotencyKey")
    List<Job> findActiveOrWithKey(String caseId, String idempotencyKey);

    Optional<Job> findFirstByCaseIdOrderByCreatedAtDesc(String caseId);

    /** The version of a job's row alone, by its primary key: what a poll reads before anything else. */
    @Query("SELECT id, status, version FROM jobs WHERE id = :id")
    Optional<JobVersion> findVersionById(String id);

    /** The version of the case's newest job, through the index on (case_id, created_at). */
    @Query("SELECT id, status, version FROM jobs WHERE case_id = :caseId ORDER BY created_at DESC LIMIT 1")
    Optional<JobVersion> findLatestVersionByCaseId(String caseId);

    @Query("SELECT COALESCE(SUM(recoveries), 0) FROM jobs")
    long totalRecoveries();

    @Query("SELECT COUNT(*) FROM jobs WHERE status = :status")
    long countWithStatus(String status);

    /**
     * Terminal jobs finished before the cutoff, all at once; everything of theirs goes with them (ON DELETE CASCADE).
     * Retention deletes in batches instead: {@link #deleteFinishedBefore(Instant, int)}.
     */
    default int deleteFinishedBefore(Instant cutoff) {
        return deleteFinishedBefore(cutoff, Integer.MAX_VALUE);
    }

    /** At most {@code batch} of the terminal jobs finished before the cutoff, with everything of theirs. */
    default int deleteFinishedBefore(Instant cutoff, int batch) {
        return deleteFinishedIn(cutoff, JobStatus.terminal().stream().map(Enum::name).toList(), batch);
    }

    // The outer conditions repeat the inner ones: a job retried since the inner read is no longer deleted. No ORDER
    // BY: over several states it would sort every old job for each batch, where any batch of them will do.
    @Query("DELETE FROM jobs WHERE finished_at < :cutoff AND status IN (:terminal) AND id IN (SELECT id FROM jobs "
            + "WHERE finished_at < :cutoff AND status IN (:terminal) LIMIT :batch)")
    int deleteFinishedIn(Instant cutoff, Collection<String> terminal, int batch);
}
