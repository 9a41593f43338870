package dev.darkroom.job;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ImageTaskRepository extends CrudRepository<ImageTask, String> {

    List<ImageTask> findByJobIdOrderByPosition(String jobId);

    Optional<ImageTask> findByJobIdAndItemId(String jobId, String itemId);

    @Query("""
            SELECT COALESCE(SUM(CASE WHEN status IN ('PENDING', 'GENERATING') THEN 1 ELSE 0 END), 0) AS open_count,
                   COALESCE(SUM(CASE WHEN status = 'SUCCEEDED' THEN 1 ELSE 0 END), 0) AS succeeded_count,
                   COALESCE(SUM(CASE WHEN status = 'FAILED' THEN 1 ELSE 0 END), 0) AS failed_count
            FROM image_tasks WHERE job_id = :jobId""")
    TaskCounts counts(String jobId);

    @Query("UPDATE image_tasks SET status = 'GENERATING', run_id = :runId, version = version + 1 "
            + "WHERE job_id = :jobId AND status = 'PENDING'")
    void markGenerating(String jobId, String runId);

    @Query("UPDATE image_tasks SET status = 'PENDING', version = version + 1 "
            + "WHERE job_id = :jobId AND status = 'GENERATING'")
    void reopenGenerating(String jobId);

    @Query("UPDATE image_tasks SET status = 'PENDING', error_code = NULL, error_message = NULL, finished_at = NULL, "
            + "version = version + 1 WHERE job_id = :jobId AND status = 'FAILED'")
    int reopenFailed(String jobId);

    @Query("UPDATE image_tasks SET status = 'FAILED', error_code = :code, error_message = :message, "
            + "finished_at = :now, version = version + 1 WHERE job_id = :jobId AND status IN ('PENDING', 'GENERATING')")
    void failOpen(String jobId, String code, String message, Instant now);
}
