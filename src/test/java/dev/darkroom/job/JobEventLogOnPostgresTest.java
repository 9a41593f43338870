package dev.darkroom.job;

import dev.darkroom.support.PostgresServer;
import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.sql.Connection;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The event log on PostgreSQL, the database several nodes share: its identity column and its cascade. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JobEventLogOnPostgresTest extends JobEventLogContract implements TestPropertyProvider {

    EmbeddedPostgres postgres;

    @Inject
    ApplicationContext context;

    @Inject
    TransactionOperations<Connection> transactions;

    @Test
    void theseTestsRunOnPostgresql() {
        String product = transactions.executeRead(status -> status.getConnection().getMetaData()
                .getDatabaseProductName());

        assertThat(product).isEqualTo("PostgreSQL");
    }

    @Override
    public Map<String, String> getProperties() {
        postgres = PostgresServer.started();
        Map<String, String> settings = PostgresServer.settingsFor(postgres);
        settings.put("darkroom.local-generator.fail-ids", "ev-2");
        return settings;
    }

    @AfterAll
    void stopPostgres() throws IOException {
        context.stop();
        postgres.close();
    }
}
