package dev.darkroom.ops;

import dev.darkroom.job.Job;
import dev.darkroom.job.JobStatus;
import dev.darkroom.job.outbox.DispatchStatus;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * The counts behind the database gauges. Each reads an index range of rows that are still in play (active jobs,
 * due dispatches), never the whole table: terminal jobs, which pile up to the retention period, are not counted.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface GaugeQueries extends GenericRepository<Job, String> {

    /** Jobs in each active status (jobs_status_activity_idx leads with the status). */
    default List<StatusCount> activeJobs() {
        return countByStatus(JobStatus.PENDING.name(), JobStatus.DISPATCHED.name(), JobStatus.GENERATING.name());
    }

    /** Jobs generating with no progress since {@code before} (jobs_status_progress_idx). */
    default long stuckJobs(Instant before) {
        return countWithoutProgress(JobStatus.GENERATING.name(), before);
    }

    /** Runs waiting to reach a worker, whether due now or backing off (dispatches_status_due_idx). */
    default long dueDispatches() {
        return countDispatches(DispatchStatus.DUE.name());
    }

    /**
     * Jobs in a status, counted up to {@code bound} and no further: an index range that stops there, for the terminal
     * statuses, whose jobs pile up to the retention period (jobs_status_created_idx).
     */
    @Query("SELECT COUNT(*) FROM (SELECT 1 FROM jobs WHERE status = :status LIMIT :bound) counted")
    long countUpTo(String status, int bound);

    @Query("SELECT status, COUNT(*) AS job_count FROM jobs WHERE status IN (:pending, :dispatched, :generating) "
            + "GROUP BY status")
    List<StatusCount> countByStatus(String pending, String dispatched, String generating);

    @Query("SELECT COUNT(*) FROM jobs WHERE status = :status AND last_progress_at < :before")
    long countWithoutProgress(String status, Instant before);

    @Query("SELECT COUNT(*) FROM dispatches WHERE status = :status")
    long countDispatches(String status);

    /** The active statuses, as the gauge labels them. */
    static Collection<JobStatus> active() {
        return List.of(JobStatus.PENDING, JobStatus.DISPATCHED, JobStatus.GENERATING);
    }
}
