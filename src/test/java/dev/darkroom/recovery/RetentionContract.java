package dev.darkroom.recovery;

import dev.darkroom.job.JobStatus;
import dev.darkroom.job.outbox.DispatchStatus;
import dev.darkroom.support.StatementLog;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retention on H2 and PostgreSQL: every kind of row that piles up goes once it is old, and recent ones stay; each
 * prune deletes a bounded batch per statement and finds it through an index. The rows are written here directly,
 * with the ages each case needs, and the pass runs as of a fixed moment.
 */
abstract class RetentionContract {

    /** A batch of two, as the test configurations set it, so that a handful of rows takes several statements. */
    static final int BATCH = 2;
    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final Instant OLD = NOW.minus(Duration.ofDays(40));
    private static final Instant RECENT = NOW.minus(Duration.ofDays(1));
    /** The tables that hold a job's rows, each with the column that names the job. */
    private static final Map<String, String> JOB_TABLES = Map.of(
            "jobs", "id", "image_tasks", "job_id", "dispatches", "job_id", "job_events", "job_id",
            "callbacks", "job_id", "callback_attempts", "job_id", "job_traces", "job_id");

    @Inject
    Retention retention;

    @Inject
    TransactionOperations<Connection> tx;

    @Inject
    StatementLog statements;

    /** Readies a connection for a plan that shows which index a statement can take. */
    abstract void beforeExplain(Connection connection) throws SQLException;

    @BeforeEach
    void startEmpty() {
        sql("DELETE FROM jobs", "DELETE FROM webhook_receipts", "DELETE FROM provider_predictions");
    }

    @Test
    void oldRowsOfEveryKindGoAndRecentOnesStay() {
        for (String id : List.of("old-completed", "old-failed", "old-canceled")) {
            job(id, id.equals("old-failed") ? JobStatus.FAILED : id.equals("old-canceled") ? JobStatus.CANCELED
                    : JobStatus.COMPLETED, OLD, OLD);
        }
        job("recent-partial", JobStatus.PARTIAL, OLD, RECENT);
        job("old-but-active", JobStatus.GENERATING, OLD, null);
        for (int i = 0; i < 5; i++) {
            receipt("old-receipt-" + i, NOW.minus(Duration.ofHours(1)));
            prediction("old-prediction-" + i, OLD);
        }
        receipt("recent-receipt", NOW.minus(Duration.ofMinutes(1)));
        prediction("recent-prediction", RECENT);

        retention.pruneAsOf(NOW);

        JOB_TABLES.forEach((table, column) -> {
            assertThat(ids(table, column)).as("the jobs left in %s", table)
                    .containsExactlyInAnyOrder("recent-partial", "old-but-active");
        });
        assertThat(count("SELECT COUNT(*) FROM images")).as("the images of the jobs left").isEqualTo(2);
        assertThat(ids("webhook_receipts", "webhook_id")).containsExactly("recent-receipt");
        assertThat(ids("provider_predictions", "id")).containsExactly("recent-prediction");
    }

    @Test
    void eachPruneDeletesABoundedBatchPerStatementUntilNoneIsLeft() {
        for (int i = 0; i < 5; i++) {
            job("batch-job-" + i, JobStatus.COMPLETED, OLD, OLD);
            receipt("batch-receipt-" + i, NOW.minus(Duration.ofHours(1)));
            prediction("batch-prediction-" + i, OLD);
        }
        statements.clear();

        retention.pruneAsOf(NOW);

        for (String table : List.of("jobs", "webhook_receipts", "provider_predictions")) {
            List<StatementLog.Execution> deletes = statements.ofThisThread().stream()
                    .filter(e -> e.is("delete", table)).toList();
            assertThat(deletes).as("deletes from %s: 2, 2 and the last one", table).hasSize(3)
                    .allMatch(e -> e.sql().contains("LIMIT"));
            assertThat(count("SELECT COUNT(*) FROM " + table)).isZero();
        }
    }

    @Test
    void eachPruneIsARangeOfAnIndex() {
        job("planned-job", JobStatus.COMPLETED, OLD, OLD);
        receipt("planned-receipt", NOW.minus(Duration.ofHours(1)));
        prediction("planned-prediction", OLD);
        statements.clear();
        retention.pruneAsOf(NOW);
        Map<String, String> indexes = Map.of("jobs", "jobs_status_finished_idx",
                "webhook_receipts", "webhook_receipts_received_idx",
                "provider_predictions", "provider_predictions_created_idx");

        indexes.forEach((table, index) -> {
            String delete = statements.ofThisThread().stream().filter(e -> e.is("delete", table)).findFirst()
                    .orElseThrow().sql();
            assertThat(plan(delete).toLowerCase()).as("the plan of %s", delete).contains(index);
        });
    }

    /** The plan of a prune's delete, with a cutoff, the terminal states and a batch bound to its placeholders. */
    private String plan(String delete) {
        return tx.executeWrite(status -> {
            Connection connection = status.getConnection();
            beforeExplain(connection);
            try (PreparedStatement explain = connection.prepareStatement("EXPLAIN " + delete)) {
                String[] pieces = delete.split("\\?", -1);
                List<String> terminal = JobStatus.terminal().stream().map(Enum::name).toList();
                int status_ = 0;
                for (int i = 1; i < pieces.length; i++) {
                    String before = pieces[i - 1].trim().toUpperCase();
                    if (before.endsWith("<")) {
                        explain.setObject(i, OffsetDateTime.ofInstant(NOW, ZoneOffset.UTC));
                        status_ = 0;
                    } else if (before.endsWith("LIMIT")) {
                        explain.setInt(i, BATCH);
                    } else {
                        explain.setString(i, terminal.get(status_++ % terminal.size()));
                    }
                }
                StringBuilder plan = new StringBuilder();
                try (ResultSet rows = explain.executeQuery()) {
                    while (rows.next()) {
                        plan.append(rows.getString(1)).append('\n');
                    }
                }
                return plan.toString();
            }
        });
    }

    /** A job with one of each row that hangs off a job. */
    private void job(String id, JobStatus status, Instant created, Instant finished) {
        OffsetDateTime createdAt = OffsetDateTime.ofInstant(created, ZoneOffset.UTC);
        OffsetDateTime finishedAt = finished == null ? null : OffsetDateTime.ofInstant(finished, ZoneOffset.UTC);
        tx.executeWrite(s -> {
            Connection c = s.getConnection();
            insert(c, "INSERT INTO jobs (id, case_id, active_case_id, status, attempt, run_id, request_hash, "
                            + "created_at, finished_at, last_activity_at, last_progress_at, version) "
                            + "VALUES (?, ?, ?, ?, 1, ?, 'hash', ?, ?, ?, ?, 1)",
                    id, "case-" + id, status.isTerminal() ? null : "case-" + id, status.name(), "run-" + id,
                    createdAt, finishedAt, createdAt, createdAt);
            insert(c, "INSERT INTO image_tasks (id, job_id, item_id, position, kind, name, description, status, "
                    + "version) VALUES (?, ?, 'ev-1', 0, 'evidence', 'Knife', 'A knife', 'SUCCEEDED', 1)",
                    "task-" + id, id);
            insert(c, "INSERT INTO images (task_id, data) VALUES (?, ?)", "task-" + id, new byte[] {1, 2, 3});
            insert(c, "INSERT INTO dispatches (id, job_id, run_id, status, due_at, tries, created_at, version) "
                    + "VALUES (?, ?, ?, ?, ?, 1, ?, 1)", "dispatch-" + id, id, "run-" + id,
                    DispatchStatus.DONE.name(), createdAt, createdAt);
            insert(c, "INSERT INTO job_events (job_id, type, data, created_at) VALUES (?, 'status', '{}', ?)",
                    id, createdAt);
            insert(c, "INSERT INTO callbacks (job_id, url, status, tries, version) "
                    + "VALUES (?, 'https://backend.example/hooks', 'DELIVERED', 1, 1)", id);
            insert(c, "INSERT INTO callback_attempts (id, job_id, message_id, attempted_at, status_code, duration_ms) "
                    + "VALUES (?, ?, ?, ?, 200, 5)", "attempt-" + id, id, "message-" + id, createdAt);
            insert(c, "INSERT INTO job_traces (job_id, trace_parent) VALUES (?, ?)", id,
                    "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
            return null;
        });
    }

    private void receipt(String webhookId, Instant received) {
        tx.executeWrite(s -> insert(s.getConnection(),
                "INSERT INTO webhook_receipts (webhook_id, job_id, received_at) VALUES (?, 'some-job', ?)",
                webhookId, OffsetDateTime.ofInstant(received, ZoneOffset.UTC)));
    }

    private void prediction(String id, Instant created) {
        tx.executeWrite(s -> insert(s.getConnection(), "INSERT INTO provider_predictions (id, provider, "
                        + "prediction_id, job_id, image_id, run_id, status, created_at, version) "
                        + "VALUES (?, 'replicate', ?, 'some-job', 'ev-1', 'some-run', 'SUCCEEDED', ?, 1)",
                id, id, OffsetDateTime.ofInstant(created, ZoneOffset.UTC)));
    }

    private static int insert(Connection connection, String sql, Object... values) {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> ids(String table, String column) {
        return tx.executeRead(s -> {
            List<String> ids = new ArrayList<>();
            try (Statement statement = s.getConnection().createStatement();
                 ResultSet rows = statement.executeQuery("SELECT DISTINCT " + column + " FROM " + table)) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
            return ids;
        });
    }

    private long count(String query) {
        return tx.executeRead(s -> {
            try (Statement statement = s.getConnection().createStatement();
                 ResultSet rows = statement.executeQuery(query)) {
                rows.next();
                return rows.getLong(1);
            }
        });
    }

    private void sql(String... updates) {
        tx.executeWrite(s -> {
            try (Statement statement = s.getConnection().createStatement()) {
                for (String update : updates) {
                    statement.executeUpdate(update);
                }
            }
            return null;
        });
    }
}
