package dev.darkroom.api;

import dev.darkroom.limit.SharedLimits;
import dev.darkroom.problem.Problem;
import dev.darkroom.security.Scopes;
import dev.darkroom.support.Cases;
import dev.darkroom.support.PostgresServer;
import dev.darkroom.support.StatementLog;
import dev.darkroom.support.Tokens;
import io.github.bucket4j.BucketConfiguration;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.core.type.Argument;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import javax.sql.DataSource;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The per-caller creation limit on PostgreSQL holds for the cluster: two API nodes over one database, and a caller
 * whose creates a balancer spreads over both still gets the limit once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CreationLimitAcrossNodesOnPostgresTest {

    private EmbeddedPostgres postgres;
    private EmbeddedServer first;
    private EmbeddedServer second;
    private final Map<EmbeddedServer, HttpClient> clients = new HashMap<>();

    @BeforeAll
    void start() throws IOException {
        postgres = PostgresServer.start();
        first = node();
        second = node();
    }

    @AfterAll
    void stop() throws IOException {
        clients.values().forEach(HttpClient::close);
        second.close();
        first.close();
        postgres.close();
    }

    @Test
    void theCreateOverTheLimitIsRefusedWhicheverNodeTheEarlierOnesWentTo() {
        String token = Tokens.forSubject("caller-spread", Scopes.JOBS_WRITE);
        assertThat(create(first, "case-spread-1", token).code()).isEqualTo(202);
        assertThat(create(second, "case-spread-2", token).code()).isEqualTo(202);

        for (EmbeddedServer node : List.of(first, second)) {
            HttpClientResponseException e = catchThrowableOfType(HttpClientResponseException.class,
                    () -> create(node, "case-spread-3", token));
            assertThat(e).as("the third create, on either node").isNotNull();
            assertThat(e.getStatus().getCode()).isEqualTo(429);
            assertThat(Integer.parseInt(e.getResponse().header("Retry-After"))).isBetween(1, 60);
            assertThat(e.getResponse().getBody(Problem.class).orElseThrow().type()).endsWith("/rate-limited");
        }
        assertThat(create(second, "case-spread-other", Tokens.forSubject("caller-other", Scopes.JOBS_WRITE)).code())
                .as("another caller has a bucket of its own").isEqualTo(202);
    }

    @Test
    void theSharedBucketCostsACreateTwoStatementsOfItsOwn() throws IOException {
        ApplicationContext context = first.getApplicationContext();
        JobCreation creation = context.getBean(JobCreation.class);
        StatementLog statements = context.getBean(StatementLog.class);
        byte[] body = context.getBean(JsonMapper.class).writeValueAsBytes(Cases.body(7, 7));
        creation.create("case-counted-warm", body, null, "counted-caller");
        statements.clear();

        creation.create("case-counted", body, null, "counted-caller");

        List<StatementLog.Execution> sent = statements.ofThisThread();
        assertThat(sent).as("statements of one create: %s", sent).hasSize(6);
        assertThat(sent.subList(0, 2)).as("the bucket's row, locked and written back")
                .allMatch(e -> e.sql().contains("limit_buckets"));
        assertThat(sent.subList(2, 6)).noneMatch(e -> e.sql().contains("limit_buckets"));
    }

    @Test
    void aBucketWhoseTimeIsUpLosesItsRowAndABusyOneKeepsIt() {
        ApplicationContext context = first.getApplicationContext();
        DataSource pool = DelegatingDataSource.unwrapDataSource(context.getBean(DataSource.class));
        SharedLimits node = context.getBean(SharedLimits.class);
        BucketConfiguration perMinute = BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(2).refillGreedy(2, Duration.ofMinutes(1))).build();
        node.buckets().tryTake("idle", perMinute);
        node.buckets().tryTake("just-used", perMinute);
        // bucket4j dates a row's expiry by the real time: an hour is taken off one row instead of waiting for it.
        sql(pool, "UPDATE limit_buckets SET expires_at = expires_at - 3600000 WHERE id = 'idle'");

        node.buckets().clearIdle();

        assertThat(sql(pool, "SELECT id FROM limit_buckets WHERE expires_at IS NOT NULL"))
                .contains("just-used").doesNotContain("idle");
    }

    /** Runs the statement, and answers the first column of its rows if it is a query. */
    private static List<String> sql(DataSource pool, String sql) {
        try (Connection connection = pool.getConnection();
             Statement statement = connection.createStatement()) {
            List<String> values = new ArrayList<>();
            if (statement.execute(sql)) {
                try (ResultSet rows = statement.getResultSet()) {
                    while (rows.next()) {
                        values.add(rows.getString(1));
                    }
                }
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<?> create(EmbeddedServer node, String caseId, String token) {
        HttpClient http = clients.computeIfAbsent(node,
                n -> n.getApplicationContext().createBean(HttpClient.class, n.getURL()));
        return http.toBlocking().exchange(HttpRequest.POST("/v1/cases/" + caseId + "/image-jobs",
                Cases.body(1, 0)).bearerAuth(token), Argument.of(Map.class), Argument.of(Problem.class));
    }

    private EmbeddedServer node() {
        Map<String, Object> settings = new HashMap<>(PostgresServer.datasource(postgres));
        settings.put("darkroom.api.creations-per-minute", "2");
        settings.put("darkroom.roles.worker", "false");
        settings.put("darkroom.roles.recovery", "false");
        // Nothing is generated: the jobs only need to be created.
        settings.put("darkroom.dispatch.worker-url", "http://127.0.0.1:9");
        settings.put("statement-log", "true");
        return ApplicationContext.run(EmbeddedServer.class, settings, Environment.TEST);
    }
}
