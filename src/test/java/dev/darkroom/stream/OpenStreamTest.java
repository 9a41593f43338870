package dev.darkroom.stream;

import dev.darkroom.support.Cases;
import dev.darkroom.support.Jobs;
import dev.darkroom.support.Tokens;
import io.micronaut.context.annotation.Property;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Streams of jobs that stay open (no worker here takes their runs): what another node writes reaches them through
 * the poller, and the heartbeat keeps them past the server's idle timeout.
 */
@MicronautTest(transactional = false)
@Property(name = "darkroom.roles.worker", value = "false")
@Property(name = "darkroom.stream.poll-interval", value = "200ms")
@Property(name = "darkroom.stream.heartbeat", value = "100ms")
@Property(name = "micronaut.server.idle-timeout", value = "1s")
@Property(name = "micronaut.server.read-idle-timeout", value = "1s")
@Property(name = "micronaut.server.write-idle-timeout", value = "1s")
class OpenStreamTest {

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    EmbeddedServer server;

    @Inject
    TransactionOperations<Connection> tx;

    @Test
    void anEventAnotherNodeWroteReachesAnOpenStreamWithinThePollInterval() {
        String jobId = new Jobs(http).create("stream-other-node", Cases.body(1, 0)).jobId();
        SseClient stream = open(jobId);
        await().atMost(Duration.ofSeconds(5)).until(() -> !stream.retries.isEmpty());

        // Straight into the table, as another node's transaction would: this node publishes nothing for it.
        insertEvent(jobId, "{\"written\":\"elsewhere\"}");

        await().atMost(Duration.ofSeconds(1)).untilAsserted(() -> assertThat(stream.events)
                .anySatisfy(event -> assertThat(event.data()).isEqualTo("{\"written\":\"elsewhere\"}")));
        stream.close();
    }

    @Test
    void anEventCommittedAfterOneWithAHigherIdIsStillDelivered() throws InterruptedException {
        Jobs jobs = new Jobs(http);
        String slow = jobs.create("stream-slow-commit", Cases.body(1, 0)).jobId();
        String fast = jobs.create("stream-fast-commit", Cases.body(1, 0)).jobId();
        SseClient slowStream = open(slow);
        SseClient fastStream = open(fast);
        await().atMost(Duration.ofSeconds(5)).until(() -> !slowStream.retries.isEmpty()
                && !fastStream.retries.isEmpty());

        CountDownLatch inserted = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        CompletableFuture<Integer> slowTransaction = CompletableFuture.supplyAsync(() -> tx.executeWrite(status -> {
            try {
                int rows = insert(status.getConnection(), slow, "{\"took\":\"the lower id\"}");
                inserted.countDown();
                commit.await();
                return rows;
            } catch (SQLException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }));
        assertThat(inserted.await(5, TimeUnit.SECONDS)).isTrue();
        // A second transaction takes a higher id and commits first; the poller reads it and moves on.
        insertEvent(fast, "{\"took\":\"the higher id\"}");
        await().atMost(Duration.ofSeconds(1)).untilAsserted(() -> assertThat(fastStream.events)
                .anySatisfy(event -> assertThat(event.data()).contains("the higher id")));

        commit.countDown();
        assertThat(slowTransaction.join()).isEqualTo(1);

        await().atMost(Duration.ofSeconds(1)).untilAsserted(() -> assertThat(slowStream.events)
                .anySatisfy(event -> assertThat(event.data()).contains("the lower id")));
        slowStream.close();
        fastStream.close();
    }

    @Test
    void anOpenStreamGetsACommentLineEveryHeartbeat() {
        String jobId = new Jobs(http).create("stream-heartbeat", Cases.body(1, 0)).jobId();

        SseClient stream = open(jobId);

        await().atMost(Duration.ofSeconds(2)).until(() -> stream.comments.stream()
                .filter("keep-alive"::equals).count() >= 3);
        stream.close();
    }

    @Test
    void aQuietStreamOutlivesTheServersIdleTimeout() {
        String jobId = new Jobs(http).create("stream-idle", Cases.body(1, 0)).jobId();

        SseClient stream = open(jobId);

        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> !stream.closed);
        assertThat(stream.status).isEqualTo(200);
        stream.close();
    }

    private SseClient open(String jobId) {
        return SseClient.open(server.getURL().toString(), "/v1/jobs/" + jobId + "/events",
                Map.of("Authorization", "Bearer " + Tokens.backend()));
    }

    private void insertEvent(String jobId, String data) {
        tx.executeWrite(status -> {
            try {
                return insert(status.getConnection(), jobId, data);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static int insert(Connection connection, String jobId, String data) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO job_events (job_id, type, data, created_at) VALUES (?, 'job.status', ?, now())")) {
            insert.setString(1, jobId);
            insert.setString(2, data);
            return insert.executeUpdate();
        }
    }
}
