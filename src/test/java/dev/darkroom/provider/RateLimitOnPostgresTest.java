package dev.darkroom.provider;

import dev.darkroom.support.Cases;
import dev.darkroom.support.Jobs;
import dev.darkroom.support.OpenAiWire;
import dev.darkroom.support.PostgresServer;
import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real runs on PostgreSQL meet the shared limits the way a worker does, waiting on the database's bucket and slots,
 * and are held to the rate and the calls in flight; read from the times MockServer received the requests.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RateLimitOnPostgresTest extends RateLimitTest.AgainstOpenAi {

    EmbeddedPostgres postgres;

    @Inject
    ApplicationContext context;

    @Override
    public Map<String, String> getProperties() {
        postgres = PostgresServer.started();
        Map<String, String> properties = common();
        properties.putAll(PostgresServer.datasource(postgres));
        // 10 a second, a second's worth (10) at once, at most 3 open; two runs of 5 images in flight each.
        properties.put("darkroom.providers.openai.requests-per-minute", "600");
        properties.put("darkroom.providers.openai.max-in-flight", "3");
        properties.put("darkroom.limits.slot-poll-interval", "20ms");
        return properties;
    }

    @AfterAll
    void stopPostgres() throws IOException {
        context.stop();
        postgres.close();
    }

    @Test
    void twoRunsAreHeldToTheSharedRateAndInFlightLimit() {
        openai.when(OpenAiWire.generations())
                .respond(OpenAiWire.image().withDelay(TimeUnit.MILLISECONDS, 60));
        Jobs jobs = new Jobs(http);

        String first = jobs.create("case-pg-burst-1", Cases.body(15, 5)).jobId();
        String second = jobs.create("case-pg-burst-2", Cases.body(15, 5)).jobId();

        assertThat(jobs.awaitTerminal(first).status()).isEqualTo("completed");
        assertThat(jobs.awaitTerminal(second).status()).isEqualTo("completed");
        long[] arrivals = arrivals();
        assertThat(arrivals).hasSize(40);
        // 40 requests at 10 a second with 10 allowed at once take at least (40 - 10) / 10 = 3 seconds.
        assertThat(arrivals[39]).isGreaterThanOrEqualTo(2_800);
        assertThat(mostWithin(arrivals, 1_000)).isLessThanOrEqualTo(10 + 10 + 2);
        assertThat(mostWithin(arrivals, 50)).isLessThanOrEqualTo(3);
    }
}
