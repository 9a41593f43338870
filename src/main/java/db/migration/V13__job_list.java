package db.migration;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The jobs list (GET /v1/jobs) is newest first, in keyset pages: each page is an index range that starts where the
 * cursor points and stops after the page's rows, whatever the number of jobs kept. Without a status filter it walks
 * the jobs by creation; with one, each status has its own range, which also counts a terminal status up to a bound
 * (GET /v1/ops/counts).
 *
 * <p>A migration in Java, not SQL, for one index that only PostgreSQL can have: a case prefix ({@code LIKE 'p%'})
 * is an index range on a plain index only under the C collation, and a production database seldom has it; an index
 * with {@code varchar_pattern_ops} serves the prefix under any collation. H2 has no operator classes and turns a
 * prefix into a range of the plain case index (V1) by itself.
 */
public class V13__job_list extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE INDEX jobs_created_idx ON jobs (created_at DESC, id DESC)");
            statement.execute("CREATE INDEX jobs_status_created_idx ON jobs (status, created_at DESC, id DESC)");
            if ("PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) {
                statement.execute("CREATE INDEX jobs_case_prefix_idx ON jobs (case_id varchar_pattern_ops)");
            }
        }
    }
}
