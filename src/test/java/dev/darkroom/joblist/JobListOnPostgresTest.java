package dev.darkroom.joblist;

import dev.darkroom.support.PostgresServer;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The jobs list on PostgreSQL, the database several nodes share. */
@MicronautTest(transactional = false)
@Property(name = "statement-log", value = "true")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JobListOnPostgresTest extends JobListContract implements TestPropertyProvider {

    EmbeddedPostgres postgres;

    @Inject
    ApplicationContext context;

    @Test
    void theseTestsRunOnPostgresql() {
        String product = tx.executeRead(status -> {
            try {
                return status.getConnection().getMetaData().getDatabaseProductName();
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        });

        assertThat(product).isEqualTo("PostgreSQL");
    }

    @Test
    void aCasePrefixCanBeARangeOfThePatternIndexWhateverTheCollation() {
        String plan = explain(JobListQueries.pageStatement(new ListFilter(java.util.Set.of(), "case-42", null, 50),
                51));

        assertThat(plan).contains("jobs_case_prefix_idx");
    }

    /**
     * A table of a few test rows is read whole by PostgreSQL, index or not: with sequential scans priced out for this
     * statement, the plan shows which index can serve it.
     */
    @Override
    String explain(Connection connection, JobListQueries.Sql sql) throws Exception {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET LOCAL enable_seqscan = off");
        }
        return planOf(connection, "EXPLAIN ", sql);
    }

    @Override
    public Map<String, String> getProperties() {
        postgres = PostgresServer.started();
        Map<String, String> settings = PostgresServer.settingsFor(postgres);
        settings.putAll(SETTINGS);
        return settings;
    }

    @AfterAll
    void stopPostgres() throws IOException {
        context.stop();
        postgres.close();
    }
}
