package dev.darkroom.dispatch;

import dev.darkroom.job.JobService;
import dev.darkroom.run.ImageKind;
import dev.darkroom.run.ImageSpec;
import dev.darkroom.support.MockServers;
import dev.darkroom.support.PostgresServer;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.json.tree.JsonNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.mockserver.integration.ClientAndServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockserver.model.HttpRequest.request;
import static org.mockserver.model.HttpResponse.response;

/**
 * Two nodes on one PostgreSQL: the first creates jobs and sends none, the second sends them and polls only once an
 * hour. A job created on the first goes out from the second at once, woken by the notice of the create's commit;
 * when the second's listening connection is cut, it listens again and the next job goes out as fast.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrossNodeWakeUpTest {

    EmbeddedPostgres postgres;
    ClientAndServer worker;
    ApplicationContext creating;
    ApplicationContext sending;

    @BeforeAll
    void startTwoNodes() throws IOException {
        postgres = PostgresServer.start();
        worker = MockServers.start();
        worker.when(request().withMethod("POST").withPath("/internal/runs"))
                .respond(response().withStatusCode(202).withBody("{}"));
        Map<String, Object> shared = new HashMap<>(PostgresServer.datasource(postgres));
        shared.put("darkroom.roles.worker", "false");
        shared.put("darkroom.roles.recovery", "false");
        shared.put("darkroom.dispatch.worker-url", MockServers.url(worker));
        Map<String, Object> first = new HashMap<>(shared);
        first.put("darkroom.dispatch.enabled", "false");
        creating = ApplicationContext.run(EmbeddedServer.class, first, "test").getApplicationContext();
        Map<String, Object> second = new HashMap<>(shared);
        // Only a notice can wake this dispatcher within the test.
        second.put("darkroom.dispatch.poll-interval", "1h");
        sending = ApplicationContext.run(EmbeddedServer.class, second, "test").getApplicationContext();
    }

    @AfterAll
    void stopEverything() throws IOException {
        sending.close();
        creating.close();
        worker.stop();
        postgres.close();
    }

    @Test
    void aJobCreatedOnOneNodeIsSentByTheDispatcherOfAnother() {
        awaitListening();

        String runId = create("case-cross-node");

        await().atMost(Duration.ofSeconds(10)).until(() -> sentRunIds().contains(runId));
    }

    @Test
    void aListenerWhoseConnectionWasCutListensAgain() {
        int before = awaitListening();

        terminate(before);
        int after = await().atMost(Duration.ofSeconds(20))
                .until(() -> listenerPid().filter(pid -> pid != before), Optional::isPresent).orElseThrow();
        awaitListening();
        String runId = create("case-after-reconnect");

        assertThat(after).isNotEqualTo(before);
        await().atMost(Duration.ofSeconds(10)).until(() -> sentRunIds().contains(runId));
    }

    private int awaitListening() {
        DispatchListener listener = sending.getBean(DispatchListener.class);
        await().atMost(Duration.ofSeconds(20)).until(listener::isListening);
        return listenerPid().orElseThrow();
    }

    private String create(String caseId) {
        return creating.getBean(JobService.class).submit(caseId, List.of(new ImageSpec("ev-1", ImageKind.EVIDENCE,
                "Letter", "A letter on the desk")), null, "h-" + caseId).job().runId();
    }

    private List<String> sentRunIds() {
        JsonMapper json = creating.getBean(JsonMapper.class);
        List<String> ids = new ArrayList<>();
        for (var sent : worker.retrieveRecordedRequests(request().withMethod("POST").withPath("/internal/runs"))) {
            try {
                ids.add(json.readValue(sent.getBodyAsRawBytes(), JsonNode.class).get("runId").getStringValue());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return ids;
    }

    private Optional<Integer> listenerPid() {
        return query("SELECT pid FROM pg_stat_activity WHERE application_name = ?", DispatchListener.APPLICATION_NAME);
    }

    private void terminate(int pid) {
        query("SELECT pg_terminate_backend(?)", pid);
    }

    private Optional<Integer> query(String sql, Object parameter) {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, parameter);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(rows.getObject(1)).filter(Integer.class::isInstance)
                        .map(Integer.class::cast) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
