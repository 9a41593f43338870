package dev.darkroom.ops;

import dev.darkroom.security.Scopes;
import dev.darkroom.support.Scrape;
import dev.darkroom.support.Tokens;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A node whose database is gone is not ready, though alive, and its scrape still answers (the database gauges
 * without a value). The database is an in-memory one the node may only open, never create: once the test shuts
 * it down, every new connection fails.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatabaseDownTest implements TestPropertyProvider {

    private final String url = "jdbc:h2:mem:down-" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
            + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
    private Connection keeper;

    @Inject
    @Client("/")
    HttpClient http;

    @Override
    public Map<String, String> getProperties() {
        try {
            keeper = DriverManager.getConnection(url, "sa", "");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return Map.of("datasources.default.url", url + ";IFEXISTS=TRUE",
                "datasources.default.connection-timeout", "1000",
                "darkroom.roles.recovery", "false");
    }

    @AfterAll
    void close() throws SQLException {
        if (!keeper.isClosed()) {
            keeper.close();
        }
    }

    @Test
    void readinessIsDownWithoutTheDatabaseLivenessIsUpAndTheScrapeStillAnswers() throws SQLException {
        assertThat(status("/health/readiness")).isEqualTo(200);

        keeper.createStatement().execute("SHUTDOWN");

        await().atMost(Duration.ofSeconds(20)).until(() -> status("/health/readiness") == 503);
        assertThat(status("/health/liveness")).isEqualTo(200);
        Scrape scrape = new Scrape(http.toBlocking().retrieve(HttpRequest.GET("/metrics")
                .bearerAuth(Tokens.withScopes(Scopes.OPS_READ))));
        assertThat(scrape.value("darkroom_jobs_stuck")).isNaN();
        assertThat(scrape.names()).contains("jvm_memory_used_bytes");
    }

    private int status(String path) {
        try {
            return http.toBlocking().exchange(HttpRequest.GET(path), String.class).getStatus().getCode();
        } catch (HttpClientResponseException e) {
            return e.getStatus().getCode();
        }
    }
}
