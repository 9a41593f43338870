package dev.darkroom.joblist;

import dev.darkroom.job.JobStatus;
import dev.darkroom.job.TaskStatus;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The list's two statements: one page of jobs, then the images of that page's jobs alone, counted in one grouped
 * read. Plain JDBC, because the page's statement has one branch per status asked for.
 *
 * <p>Why a branch per status: {@code status IN (…) ORDER BY created_at} has no index in that order, so a database
 * would gather every job of those statuses and sort them. Each branch instead reads its own range of
 * {@code jobs_status_created_idx}, at most a page of it, and the union of those few rows is sorted.
 */
@Singleton
class JobListQueries {

    private static final String COLUMNS = "id, case_id, status, created_at, finished_at";
    private static final String ORDER = " ORDER BY created_at DESC, id DESC LIMIT ?";
    private static final OffsetDateTime END_OF_TIME = OffsetDateTime.of(9999, 12, 31, 23, 59, 59, 0, ZoneOffset.UTC);

    private final TransactionOperations<Connection> tx;

    JobListQueries(TransactionOperations<Connection> tx) {
        this.tx = tx;
    }

    /** A job row of a page. */
    record Found(String id, String caseId, JobStatus status, Instant createdAt, @Nullable Instant finishedAt) {
    }

    /** What a job's images came to. */
    record Images(int succeeded, int failed, int pending, TreeSet<String> providers, BigDecimal cost) {
        static Images none() {
            return new Images(0, 0, 0, new TreeSet<>(), BigDecimal.ZERO);
        }
    }

    /** The page's jobs (up to {@code rows}) and their images, read in one transaction. */
    <T> T read(ListFilter filter, int rows, PageBuilder<T> builder) {
        return tx.executeRead(status -> {
            Connection connection = status.getConnection();
            try {
                List<Found> jobs = jobs(connection, filter, rows);
                return builder.build(jobs, images(connection, jobs.stream().map(Found::id).toList()));
            } catch (SQLException e) {
                throw new IllegalStateException("jobs list not read: " + e.getMessage(), e);
            }
        });
    }

    interface PageBuilder<T> {
        T build(List<Found> jobs, Map<String, Images> images);
    }

    /** A statement and its parameters, in order. */
    record Sql(String text, List<Object> parameters) {
    }

    /** The page's statement: one index range, or one per status asked for and their union. */
    static Sql pageStatement(ListFilter filter, int rows) {
        List<Object> parameters = new ArrayList<>();
        StringBuilder sql = new StringBuilder();
        if (filter.statuses().isEmpty() || filter.statuses().size() == JobStatus.values().length) {
            sql.append(branch(filter, null, rows, parameters));
        } else if (filter.statuses().size() == 1) {
            sql.append(branch(filter, filter.statuses().iterator().next(), rows, parameters));
        } else {
            int n = 0;
            for (JobStatus status : filter.statuses()) {
                sql.append(n == 0 ? "" : " UNION ALL ").append("SELECT * FROM (")
                        .append(branch(filter, status, rows, parameters)).append(") s").append(n++);
            }
            sql.append(ORDER);
            parameters.add(rows);
        }
        return new Sql(sql.toString(), parameters);
    }

    private static List<Found> jobs(Connection connection, ListFilter filter, int rows) throws SQLException {
        Sql sql = pageStatement(filter, rows);
        try (PreparedStatement statement = connection.prepareStatement(sql.text())) {
            bind(statement, sql.parameters());
            List<Found> found = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    found.add(new Found(result.getString("id"), result.getString("case_id"),
                            JobStatus.valueOf(result.getString("status")), instant(result, "created_at"),
                            instant(result, "finished_at")));
                }
            }
            return found;
        }
    }

    /** One index range: the status's (or every job's) newest after the cursor, up to {@code rows} of them. */
    private static String branch(ListFilter filter, @Nullable JobStatus status, int rows, List<Object> parameters) {
        List<String> conditions = new ArrayList<>();
        if (status != null) {
            conditions.add("status = ?");
            parameters.add(status.name());
        }
        if (filter.after() != null) {
            // The first condition is the index range; the second only steps past the cursor's own time.
            conditions.add("created_at <= ? AND (created_at < ? OR id < ?)");
            OffsetDateTime at = OffsetDateTime.ofInstant(filter.after().createdAt(), ZoneOffset.UTC);
            parameters.add(at);
            parameters.add(at);
            parameters.add(filter.after().id());
        } else {
            // The first page is a range too, from the end of time: H2 picks the index that covers the most
            // conditions, and without it would take another status index and sort every job of the status.
            conditions.add("created_at <= ?");
            parameters.add(END_OF_TIME);
        }
        if (filter.casePrefix() != null) {
            // Backslash is the escape character of LIKE on both databases by default: the pattern stays a plain
            // parameter, which PostgreSQL turns into a range of jobs_case_prefix_idx.
            conditions.add("case_id LIKE ?");
            parameters.add(likePrefix(filter.casePrefix()));
        }
        parameters.add(rows);
        return "SELECT " + COLUMNS + " FROM jobs" + (conditions.isEmpty() ? "" : " WHERE "
                + String.join(" AND ", conditions)) + ORDER;
    }

    /** The prefix taken literally: its own %, _ and \ are no wildcards. */
    static String likePrefix(String prefix) {
        return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    private static Map<String, Images> images(Connection connection, Collection<String> jobIds) throws SQLException {
        Map<String, Images> byJob = new HashMap<>();
        if (jobIds.isEmpty()) {
            return byJob;
        }
        String sql = "SELECT job_id, status, provider, COUNT(*) AS images, SUM(cost) AS cost FROM image_tasks "
                + "WHERE job_id IN (" + String.join(", ", jobIds.stream().map(id -> "?").toList()) + ") "
                + "GROUP BY job_id, status, provider";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, List.copyOf(jobIds));
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    Images before = byJob.getOrDefault(result.getString("job_id"), Images.none());
                    byJob.put(result.getString("job_id"), add(before, TaskStatus.valueOf(result.getString("status")),
                            result.getString("provider"), result.getInt("images"), result.getBigDecimal("cost")));
                }
            }
        }
        return byJob;
    }

    /** Only stored images count for cost and providers, as in the job's own view. */
    private static Images add(Images images, TaskStatus status, @Nullable String provider, int count,
                              @Nullable BigDecimal cost) {
        if (status == TaskStatus.SUCCEEDED) {
            if (provider != null) {
                images.providers().add(provider);
            }
            return new Images(images.succeeded() + count, images.failed(), images.pending(), images.providers(),
                    cost == null ? images.cost() : images.cost().add(cost));
        }
        if (status == TaskStatus.FAILED) {
            return new Images(images.succeeded(), images.failed() + count, images.pending(), images.providers(),
                    images.cost());
        }
        return new Images(images.succeeded(), images.failed(), images.pending() + count, images.providers(),
                images.cost());
    }

    static void bind(PreparedStatement statement, List<Object> parameters) throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            statement.setObject(i + 1, parameters.get(i));
        }
    }

    private static Instant instant(ResultSet result, String column) throws SQLException {
        OffsetDateTime value = result.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
