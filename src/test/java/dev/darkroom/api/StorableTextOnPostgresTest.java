package dev.darkroom.api;

import dev.darkroom.support.PostgresServer;
import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.util.Map;

/** The text rules on PostgreSQL, which refuses a NUL in text with an error of its own. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StorableTextOnPostgresTest extends StorableTextContract implements TestPropertyProvider {

    EmbeddedPostgres postgres;

    @Inject
    ApplicationContext context;

    @Override
    public Map<String, String> getProperties() {
        postgres = PostgresServer.started();
        return PostgresServer.datasource(postgres);
    }

    @AfterAll
    void stopPostgres() throws IOException {
        context.stop();
        postgres.close();
    }
}
