package dev.darkroom.recovery;

import dev.darkroom.support.PostgresServer;
import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RetentionOnPostgresTest extends RetentionContract implements TestPropertyProvider {

    EmbeddedPostgres postgres;

    @Inject
    ApplicationContext context;

    @Override
    public Map<String, String> getProperties() {
        postgres = PostgresServer.started();
        Map<String, String> settings = PostgresServer.settingsFor(postgres);
        settings.put("statement-log", "true");
        settings.put("darkroom.recovery.retention", "30d");
        settings.put("darkroom.recovery.prune-batch", "" + BATCH);
        settings.put("darkroom.recovery.interval", "1h");
        settings.put("darkroom.roles.worker", "false");
        settings.put("darkroom.roles.initiator", "false");
        return settings;
    }

    /**
     * A handful of rows is read fastest by a scan, so the planner would choose one whatever the indexes; with scans
     * made dear, the plan shows the index the statement can take once the table is large.
     */
    @Override
    void beforeExplain(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET LOCAL enable_seqscan = off");
        }
    }

    @AfterAll
    void stopPostgres() throws IOException {
        context.stop();
        postgres.close();
    }
}
