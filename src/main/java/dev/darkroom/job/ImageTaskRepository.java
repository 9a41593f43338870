package dev.darkroom.job;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The image rows. Each bulk status update is named after the move of {@link TaskStatus} it performs and takes its
 * source and target states from that table; the statements below it hold no state of their own, so call them
 * through the named moves.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ImageTaskRepository extends CrudRepository<ImageTask, String> {

    List<ImageTask> findByJobIdOrderByPosition(String jobId);

    Optional<ImageTask> findByJobIdAndItemId(String jobId, String itemId);

    default TaskCounts counts(String jobId) {
        return countByStatus(jobId, names(TaskStatus.open()), TaskStatus.SUCCEEDED.name(),
                TaskStatus.FAILED.name());
    }

    /** {@link TaskStatus.Move#START}: a worker accepted the run, its open images are generating under it. */
    default void markGenerating(String jobId, String runId) {
        startUnder(jobId, runId, target(TaskStatus.Move.START), sources(TaskStatus.Move.START));
    }

    /** {@link TaskStatus.Move#REOPEN}: a new attempt takes back what the run given up was generating. */
    default void reopenGenerating(String jobId) {
        reopen(jobId, target(TaskStatus.Move.REOPEN), sources(TaskStatus.Move.REOPEN));
    }

    /** {@link TaskStatus.Move#RETRY}: the job is retried, its failed images are made again; how many they are. */
    default int reopenFailed(String jobId) {
        return retry(jobId, target(TaskStatus.Move.RETRY), sources(TaskStatus.Move.RETRY));
    }

    /** {@link TaskStatus.Move#FAIL} for every open image: the job was canceled or gave up. */
    default void failOpen(String jobId, String code, String message, Instant now) {
        fail(jobId, code, message, now, target(TaskStatus.Move.FAIL), sources(TaskStatus.Move.FAIL));
    }

    @Query("""
            SELECT COALESCE(SUM(CASE WHEN status IN (:open) THEN 1 ELSE 0 END), 0) AS open_count,
                   COALESCE(SUM(CASE WHEN status = :succeeded THEN 1 ELSE 0 END), 0) AS succeeded_count,
                   COALESCE(SUM(CASE WHEN status = :failed THEN 1 ELSE 0 END), 0) AS failed_count
            FROM image_tasks WHERE job_id = :jobId""")
    TaskCounts countByStatus(String jobId, Collection<String> open, String succeeded, String failed);

    @Query("UPDATE image_tasks SET status = :to, run_id = :runId, version = version + 1 "
            + "WHERE job_id = :jobId AND status IN (:from)")
    void startUnder(String jobId, String runId, String to, Collection<String> from);

    @Query("UPDATE image_tasks SET status = :to, version = version + 1 WHERE job_id = :jobId AND status IN (:from)")
    void reopen(String jobId, String to, Collection<String> from);

    @Query("UPDATE image_tasks SET status = :to, error_code = NULL, error_message = NULL, finished_at = NULL, "
            + "version = version + 1 WHERE job_id = :jobId AND status IN (:from)")
    int retry(String jobId, String to, Collection<String> from);

    @Query("UPDATE image_tasks SET status = :to, error_code = :code, error_message = :message, "
            + "finished_at = :now, version = version + 1 WHERE job_id = :jobId AND status IN (:from)")
    void fail(String jobId, String code, String message, Instant now, String to, Collection<String> from);

    private static String target(TaskStatus.Move move) {
        return TaskStatus.to(move).name();
    }

    private static List<String> sources(TaskStatus.Move move) {
        return names(TaskStatus.from(move));
    }

    /** Statuses as the column stores them. */
    private static List<String> names(Set<TaskStatus> statuses) {
        return statuses.stream().map(Enum::name).toList();
    }
}
