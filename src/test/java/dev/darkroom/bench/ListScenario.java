package dev.darkroom.bench;

import org.flywaydb.core.Flyway;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The jobs list with many jobs in the database: the first page, a page deep behind a cursor, and the same with
 * status filters and a case prefix, one client after the other. The jobs are written straight into the database
 * before the node starts (the schema by Flyway, as the node would make it, then JDBC batches), since creating
 * 100,000 jobs through the API would measure the creates.
 */
final class ListScenario {

    static final String NAME = "jobs list";
    static final String GOAL = "p50 ≤ 20 ms";
    static final int IMAGES_PER_JOB = 14;
    private static final double GOAL_MILLIS = 20;

    /** One kind of page, and the path that asks for it. */
    record Page(String name, String path) {
    }

    private ListScenario() {
    }

    static int jobs(BenchOptions options) {
        return options.quick() ? 10_000 : 100_000;
    }

    /**
     * The node's database made and filled: H2's file must be closed again before the node opens it. The URL is the
     * node's own: the data source of its settings (PostgreSQL), or the H2 file of application.yml in its data
     * directory, without its WRITE_DELAY=0 (the fill needs no commit on disk before the next; the node sets its own).
     */
    static Duration fill(Map<String, String> node, int jobs) {
        String url = node.getOrDefault("datasources.default.url", "jdbc:h2:file:" + node.get("darkroom.data-dir")
                + "/darkroom;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;LOCK_TIMEOUT=10000");
        String user = node.getOrDefault("datasources.default.username", "sa");
        String password = node.getOrDefault("datasources.default.password", "");
        long began = System.nanoTime();
        Flyway.configure().dataSource(url, user, password).locations("classpath:db/migration").load().migrate();
        try (Connection connection = DriverManager.getConnection(url, user, password)) {
            connection.setAutoCommit(false);
            insert(connection, jobs);
            // What autovacuum (PostgreSQL) or a while of use would give the planner after a bulk load: without the
            // table's statistics PostgreSQL takes 140 rows for a table of 140,000, and reads it whole.
            try (Statement statement = connection.createStatement()) {
                statement.execute("ANALYZE");
            }
            connection.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("could not fill the database: " + e.getMessage(), e);
        }
        return Duration.ofNanos(System.nanoTime() - began);
    }

    /**
     * Jobs created one every two seconds up to now, oldest first; nine in ten completed, the rest partial, failed,
     * canceled, and the newest few hundred still active, as a day of a busy game would leave them.
     */
    private static void insert(Connection connection, int jobs) throws SQLException {
        String job = "INSERT INTO jobs (id, case_id, active_case_id, status, attempt, run_id, request_hash, "
                + "created_at, started_at, finished_at, last_activity_at, version, recoveries, last_progress_at) "
                + "VALUES (?, ?, ?, ?, 1, ?, 'bench', ?, ?, ?, ?, 0, 0, ?)";
        String task = "INSERT INTO image_tasks (id, job_id, item_id, position, kind, name, description, status, "
                + "finished_at, version, provider, cost, error_code, error_message) "
                + "VALUES (?, ?, ?, ?, ?, 'Exhibit', 'A curious object', ?, ?, 0, ?, ?, ?, ?)";
        Instant start = Instant.now().minus(Duration.ofSeconds(2L * jobs));
        try (PreparedStatement jobRows = connection.prepareStatement(job);
             PreparedStatement taskRows = connection.prepareStatement(task)) {
            for (int n = 0; n < jobs; n++) {
                String status = status(n, jobs);
                boolean ended = !status.equals("PENDING") && !status.equals("GENERATING");
                OffsetDateTime created = OffsetDateTime.ofInstant(start.plusSeconds(2L * n), ZoneOffset.UTC);
                OffsetDateTime finished = ended ? created.plusSeconds(20) : null;
                String id = id(n, 0);
                String caseId = "case-" + n;
                jobRows.setString(1, id);
                jobRows.setString(2, caseId);
                jobRows.setString(3, ended ? null : caseId);
                jobRows.setString(4, status);
                jobRows.setString(5, id(n, 1));
                jobRows.setObject(6, created);
                jobRows.setObject(7, created);
                jobRows.setObject(8, finished);
                jobRows.setObject(9, finished == null ? created : finished);
                jobRows.setObject(10, finished == null ? created : finished);
                jobRows.addBatch();
                for (int i = 0; i < IMAGES_PER_JOB; i++) {
                    String outcome = outcome(status, i);
                    boolean stored = outcome.equals("SUCCEEDED");
                    taskRows.setString(1, id(n, 2 + i));
                    taskRows.setString(2, id);
                    taskRows.setString(3, "ev-" + i);
                    taskRows.setInt(4, i);
                    taskRows.setString(5, i % 2 == 0 ? "EVIDENCE" : "LOCATION");
                    taskRows.setString(6, outcome);
                    taskRows.setObject(7, outcome.equals("SUCCEEDED") || outcome.equals("FAILED") ? finished : null);
                    taskRows.setString(8, stored ? (i % 3 == 0 ? "openai" : "local") : null);
                    taskRows.setBigDecimal(9, stored ? (i % 3 == 0 ? new BigDecimal("0.040000") : BigDecimal.ZERO)
                            : null);
                    taskRows.setString(10, outcome.equals("FAILED") ? "content_policy" : null);
                    taskRows.setString(11, outcome.equals("FAILED") ? "refused" : null);
                    taskRows.addBatch();
                }
                if (n % 500 == 499 || n == jobs - 1) {
                    jobRows.executeBatch();
                    taskRows.executeBatch();
                }
                if (n % 5000 == 4999 || n == jobs - 1) {
                    connection.commit();
                }
            }
        }
    }

    private static String status(int n, int jobs) {
        if (n >= jobs - 300) {
            return n % 3 == 0 ? "PENDING" : "GENERATING";
        }
        return switch (n % 20) {
            case 0 -> "PARTIAL";
            case 1 -> "FAILED";
            case 2 -> "CANCELED";
            default -> "COMPLETED";
        };
    }

    private static String outcome(String status, int image) {
        return switch (status) {
            case "COMPLETED" -> "SUCCEEDED";
            case "PARTIAL" -> image < 2 ? "FAILED" : "SUCCEEDED";
            case "FAILED", "CANCELED" -> "FAILED";
            case "GENERATING" -> image < 5 ? "SUCCEEDED" : image < 10 ? "GENERATING" : "PENDING";
            default -> "PENDING";
        };
    }

    /** Ids that grow with the job, as the service's time-ordered ids do. */
    private static String id(int job, int part) {
        return String.format("%08x-0000-7000-8000-%012x", job, part);
    }

    /** Every kind of page, the deep ones behind a cursor found by walking the list half way. */
    static List<Page> pages(Api api, int jobs) {
        List<Page> pages = new ArrayList<>();
        pages.add(new Page("first page", "/v1/jobs"));
        pages.add(new Page("page " + String.format("%,d", jobs / 2) + " jobs deep, after a cursor",
                "/v1/jobs?after=" + cursorAfter(api, "/v1/jobs", jobs / 2)));
        pages.add(new Page("first page of one status (failed)", "/v1/jobs?status=failed"));
        pages.add(new Page("first page of two active statuses", "/v1/jobs?status=pending,generating"));
        pages.add(new Page("one status (completed), " + String.format("%,d", jobs / 4) + " deep after a cursor",
                "/v1/jobs?status=completed&after=" + cursorAfter(api, "/v1/jobs?status=completed", jobs / 4)));
        pages.add(new Page("a narrow case prefix (case-4242: 11 jobs)", "/v1/jobs?casePrefix=case-4242"));
        pages.add(new Page("a broad case prefix (case-1: one job in nine)", "/v1/jobs?casePrefix=case-1"));
        return pages;
    }

    /** The cursor behind the first {@code depth} jobs of the list at {@code path}, walked 200 at a time. */
    private static String cursorAfter(Api api, String path, int depth) {
        String separator = path.contains("?") ? "&" : "?";
        String after = null;
        for (int walked = 0; walked < depth; walked += 200) {
            Map<String, Object> page = Api.read(api.get(path + separator + "limit=200"
                    + (after == null ? "" : "&after=" + after)).body());
            after = (String) page.get("next");
            if (after == null) {
                throw new IllegalStateException(path + " ended after " + walked + " jobs");
            }
        }
        return after;
    }

    static Row measure(BenchOptions options, Api api, Page page, int jobs, String db) {
        HttpLoad load = new HttpLoad("127.0.0.1", api.port());
        String host = "127.0.0.1:" + api.port();
        byte[] request = HttpLoad.get(host, page.path(), Map.of("Authorization", api.bearer()));
        int warmup = options.quick() ? 100 : 300;
        int measured = options.quick() ? 300 : 1000;
        load.forCount(1, warmup, (out, connection, sequence) -> out.write(request));
        HttpLoad.Result result = load.forCount(1, measured, (out, connection, sequence) -> out.write(request));
        double p50 = result.percentileMillis(50);
        double p99 = result.percentileMillis(99);
        String name = NAME + ", " + String.format("%,d", jobs) + " jobs, " + (db.equals("h2") ? "H2" : "PostgreSQL")
                + ": " + page.name();
        return new Row(name, String.format("p50 %.1f ms, p99 %.1f ms", p50, p99)
                + CreateScenarios.unexpected(result, 200), GOAL, String.format("p50 %.2f× the goal", p50 / GOAL_MILLIS),
                Row.met(p50 <= GOAL_MILLIS && result.withStatus(200) == measured),
                String.format("one client, %,d pages of 50 after %,d of warm-up; %d images a job; `%s`", measured,
                        warmup, IMAGES_PER_JOB, page.path().replaceAll("after=[^&]+", "after=…")));
    }
}
