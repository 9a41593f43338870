package dev.darkroom;

import dev.darkroom.status.JobView;
import dev.darkroom.support.Cases;
import dev.darkroom.support.PostgresServer;
import dev.darkroom.support.Tokens;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
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
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The migrations and the whole flow on a real PostgreSQL, the database several nodes share. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresFlowTest implements TestPropertyProvider {

    private static final List<String> REFUSED = List.of("refused-1", "refused-2", "refused-3", "refused-4");

    EmbeddedPostgres postgres;

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    TransactionOperations<Connection> tx;

    @Inject
    ApplicationContext context;

    @Override
    public Map<String, String> getProperties() {
        postgres = PostgresServer.started();
        Map<String, String> settings = PostgresServer.settingsFor(postgres);
        settings.putAll(Map.of("darkroom.local-generator.fail-ids", String.join(",", REFUSED),
                // Every job then lasts a few hundred milliseconds, so a second request surely finds it active.
                "darkroom.local-generator.latency", "150ms"));
        return settings;
    }

    @AfterAll
    void stopPostgres() throws IOException {
        // The application first, so that its pool and pollers do not see the database vanish under them.
        context.stop();
        postgres.close();
    }

    @Test
    void theApplicationRunsOnPostgresqlWithTheMigratedSchema() {
        // Through the application's own connections, so the test cannot pass while the application uses H2.
        String product = tx.executeRead(status -> status.getConnection().getMetaData().getDatabaseProductName());
        int tables = tx.executeRead(status -> {
            try (Statement statement = status.getConnection().createStatement();
                 ResultSet count = statement.executeQuery("SELECT count(*) FROM information_schema.tables "
                         + "WHERE table_schema = 'public' AND table_name IN "
                         + "('jobs', 'image_tasks', 'images', 'dispatches', 'webhook_receipts')")) {
                count.next();
                return count.getInt(1);
            }
        });

        assertThat(product).isEqualTo("PostgreSQL");
        assertThat(tables).isEqualTo(5);
    }

    @Test
    void aCaseOfFourteenImagesCompletesAndItsImagesCanBeFetched() {
        HttpResponse<JobView> created = create("pg-full", Cases.body(10, 4));
        assertThat(created.getStatus().getCode()).isEqualTo(202);

        JobView done = awaitTerminal(created.body().jobId());
        assertThat(done.status()).isEqualTo("completed");
        assertThat(done.counts().succeeded()).isEqualTo(14);
        assertThat(done.counts().failed()).isZero();
        assertThat(done.startedAt()).isNotNull();

        HttpResponse<byte[]> image = http.toBlocking().exchange(
                HttpRequest.GET(done.images().get(0).url()).bearerAuth(Tokens.backend()), byte[].class);
        assertThat(image.getContentType().map(Object::toString)).contains("image/jpeg");
        assertThat(image.body()).isNotEmpty();
        assertThat(image.getHeaders().get(HttpHeaders.ETAG)).startsWith("\"").endsWith("\"");
    }

    @Test
    void refusedImagesLeaveAPartialJobWithTheirErrorCodes() {
        Map<String, Object> body = Cases.body(10, 0);
        body.put("locations", REFUSED.stream()
                .map(id -> Cases.item(id, "Refused " + id, "A place the provider will not draw"))
                .toList());

        JobView done = awaitTerminal(create("pg-partial", body).body().jobId());

        assertThat(done.status()).isEqualTo("partial");
        assertThat(done.counts().succeeded()).isEqualTo(10);
        assertThat(done.counts().failed()).isEqualTo(4);
        List<JobView.ImageView> failed = done.images().stream().filter(i -> i.status().equals("failed")).toList();
        assertThat(failed).extracting(JobView.ImageView::id).containsExactlyInAnyOrderElementsOf(REFUSED);
        assertThat(failed).allSatisfy(image -> {
            assertThat(image.error()).isNotNull();
            assertThat(image.error().code()).isEqualTo("content_policy");
            assertThat(image.url()).isNull();
        });
    }

    @Test
    void aSecondRequestWhileTheJobIsActiveGetsTheSameJob() {
        HttpResponse<JobView> first = create("pg-twice", Cases.body(10, 4));
        HttpResponse<JobView> second = create("pg-twice", Cases.body(10, 4));

        assertThat(first.getStatus().getCode()).isEqualTo(202);
        assertThat(second.getStatus().getCode()).isEqualTo(200);
        assertThat(second.body().jobId()).isEqualTo(first.body().jobId());
        assertThat(awaitTerminal(first.body().jobId()).status()).isEqualTo("completed");
    }

    @Test
    void racingRequestsForOneCaseCreateOneJob() throws Exception {
        int racers = 4;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            List<Future<HttpResponse<JobView>>> answers = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                Callable<HttpResponse<JobView>> request = () -> {
                    start.await();
                    return create("pg-race", Cases.body(10, 4));
                };
                answers.add(pool.submit(request));
            }
            start.countDown();
            List<HttpResponse<JobView>> responses = new ArrayList<>();
            for (Future<HttpResponse<JobView>> answer : answers) {
                responses.add(answer.get());
            }

            assertThat(responses).extracting(r -> r.getStatus().getCode())
                    .containsOnly(200, 202).containsOnlyOnce(202);
            assertThat(responses).extracting(r -> r.body().jobId()).containsOnly(responses.get(0).body().jobId());
            assertThat(awaitTerminal(responses.get(0).body().jobId()).status()).isEqualTo("completed");
        } finally {
            pool.shutdownNow();
        }
    }

    private HttpResponse<JobView> create(String caseId, Map<String, Object> body) {
        return http.toBlocking().exchange(HttpRequest.POST("/v1/cases/" + caseId + "/image-jobs", body).bearerAuth(Tokens.backend()),
                JobView.class);
    }

    private JobView awaitTerminal(String jobId) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> http.toBlocking().retrieve(HttpRequest.GET("/v1/jobs/" + jobId).bearerAuth(Tokens.backend()), JobView.class),
                        view -> view.finishedAt() != null);
    }
}
