package dev.darkroom.job;

import dev.darkroom.support.PostgresServer;
import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The claims on PostgreSQL, where several nodes claim from one database. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClaimsOnPostgresTest extends ClaimsContract implements TestPropertyProvider {

    EmbeddedPostgres postgres;

    @Inject
    ApplicationContext context;

    @Override
    boolean aRacingClaimerGetsEveryFreeRow() {
        return true;
    }

    @Test
    void theseClaimsRunOnPostgresql() {
        // Through the application's own connections, so the tests cannot pass while the application uses H2.
        String product = tx.executeRead(status -> status.getConnection().getMetaData().getDatabaseProductName());

        assertThat(product).isEqualTo("PostgreSQL");
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
