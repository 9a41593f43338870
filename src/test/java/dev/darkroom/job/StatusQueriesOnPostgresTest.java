package dev.darkroom.job;

import dev.darkroom.support.PostgresServer;
import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.inject.Inject;
import io.micronaut.transaction.TransactionOperations;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.sql.Connection;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The status queries on PostgreSQL, the database several nodes share. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatusQueriesOnPostgresTest extends StatusQueriesContract implements TestPropertyProvider {

    EmbeddedPostgres postgres;

    @Inject
    ApplicationContext context;

    @Inject
    TransactionOperations<Connection> tx;

    @Test
    void theseQueriesRunOnPostgresql() {
        // Through the application's own connections, so the tests cannot pass while the application uses H2.
        String product = tx.executeRead(status -> status.getConnection().getMetaData().getDatabaseProductName());

        assertThat(product).isEqualTo("PostgreSQL");
    }

    @Override
    public Map<String, String> getProperties() {
        postgres = PostgresServer.started();
        Map<String, String> settings = PostgresServer.settingsFor(postgres);
        settings.putAll(NO_BACKGROUND_WORK);
        return settings;
    }

    @AfterAll
    void stopPostgres() throws IOException {
        context.stop();
        postgres.close();
    }
}
