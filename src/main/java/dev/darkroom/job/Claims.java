package dev.darkroom.job;

import dev.darkroom.job.outbox.Dispatch;
import dev.darkroom.job.outbox.DispatchStatus;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;

/**
 * Work taken in hand by one node, each claim in one statement: an UPDATE whose rows are picked by a sub-select with
 * {@code FOR UPDATE SKIP LOCKED}, returning the rows as updated, so two nodes never take one row and the caller
 * holds each row's new version for its next write. Rows another node is claiming are passed over, not waited for.
 *
 * <p>PostgreSQL says it with {@code RETURNING} (db-scheduler's claim); H2 has no {@code RETURNING} and reads the
 * updated rows from the UPDATE's {@code FINAL TABLE} instead. H2 applies the {@code LIMIT} before it skips locked
 * rows, so on H2 a claimer racing another may get fewer rows than are free; never one the other holds.
 */
@Singleton
public class Claims {

    private final JdbcOperations jdbc;

    public Claims(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Claims due dispatches, oldest first, and leases them until {@code leaseEnd}: if the sender dies, each is due
     * again then. The order is by age, not by {@code due_at}, which claims and busy workers move around: a run held
     * back by a full worker keeps its place in the queue. A claim is not a try: only a send that fails counts.
     */
    public List<Dispatch> dueDispatches(Instant now, Instant leaseEnd, int limit) {
        String update = """
                UPDATE dispatches SET due_at = ?, version = version + 1
                WHERE id IN (SELECT id FROM dispatches
                             WHERE status = ? AND due_at <= ?
                             ORDER BY created_at, id
                             LIMIT ?
                             FOR UPDATE SKIP LOCKED)""";
        List<Dispatch> claimed = claim(update, Dispatch.class, statement -> {
            statement.setObject(1, utc(leaseEnd));
            statement.setString(2, DispatchStatus.DUE.name());
            statement.setObject(3, utc(now));
            statement.setInt(4, limit);
        });
        // Neither form promises the sub-select's order for the rows it returns.
        return claimed.stream().sorted(Comparator.comparing(Dispatch::createdAt).thenComparing(Dispatch::id)).toList();
    }

    /**
     * Takes runs that went quiet in hand until {@code heldUntil}, so no other recovery node takes them meanwhile:
     * their activity moves to {@code now} and their count of recoveries goes up. Quiet is accepted but never started by
     * {@code notStartedBefore}, started but silent since {@code silentBefore}, or alive (heartbeats) without any
     * progress since {@code stalledBefore}, the longest quiet first. A run whose dispatch is still due has reached
     * no worker yet, so no worker can have lost it: the dispatcher keeps sending it and ends the attempt itself once
     * its tries run out.
     */
    public List<Job> quietJobs(Instant now, Instant heldUntil, Instant notStartedBefore, Instant silentBefore,
                               Instant stalledBefore, int limit) {
        String update = """
                UPDATE jobs SET last_activity_at = ?, recovery_held_until = ?, recoveries = recoveries + 1,
                                version = version + 1
                WHERE id IN (SELECT j.id FROM jobs j
                             WHERE (j.recovery_held_until IS NULL OR j.recovery_held_until <= ?)
                               AND ((j.status = ? AND j.last_activity_at < ?)
                                 OR (j.status = ? AND j.last_activity_at < ?)
                                 OR (j.status IN (?, ?) AND j.last_progress_at < ?))
                               AND NOT EXISTS (SELECT 1 FROM dispatches d
                                               WHERE d.job_id = j.id AND d.run_id = j.run_id AND d.status = ?)
                             ORDER BY j.last_activity_at
                             LIMIT ?
                             FOR UPDATE SKIP LOCKED)""";
        return claim(update, Job.class, statement -> {
            statement.setObject(1, utc(now));
            statement.setObject(2, utc(heldUntil));
            statement.setObject(3, utc(now));
            statement.setString(4, JobStatus.DISPATCHED.name());
            statement.setObject(5, utc(notStartedBefore));
            statement.setString(6, JobStatus.GENERATING.name());
            statement.setObject(7, utc(silentBefore));
            statement.setString(8, JobStatus.DISPATCHED.name());
            statement.setString(9, JobStatus.GENERATING.name());
            statement.setObject(10, utc(stalledBefore));
            statement.setString(11, DispatchStatus.DUE.name());
            statement.setInt(12, limit);
        });
    }

    private interface Parameters {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private <T> List<T> claim(String update, Class<T> entity, Parameters parameters) {
        return jdbc.execute(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(returningRows(connection, update))) {
                parameters.bind(statement);
                try (ResultSet rows = statement.executeQuery()) {
                    return jdbc.entityStream(rows, entity).toList();
                }
            }
        });
    }

    private static String returningRows(Connection connection, String update) throws SQLException {
        return "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())
                ? update + "\nRETURNING *"
                : "SELECT * FROM FINAL TABLE (" + update + ")";
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
