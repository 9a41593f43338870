package dev.darkroom.worker;

import dev.darkroom.status.JobView;
import dev.darkroom.support.Cases;
import dev.darkroom.support.Jobs;
import dev.darkroom.support.MockServers;
import dev.darkroom.support.OpenAiWire;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.mockserver.integration.ClientAndServer;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The worker's concurrency is a hard cap on provider calls in flight, even for a provider with no in-flight limit
 * of its own. Every OpenAI answer takes at least {@link #ANSWER_MS}; with at most two calls open, the third call of
 * any three in a row can only start once one of the first two has been answered.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConcurrencyCapTest implements TestPropertyProvider {

    static final int CAP = 2;
    static final long ANSWER_MS = 600;

    final ClientAndServer openai = MockServers.start();

    @Inject
    @Client("/")
    HttpClient http;

    @Override
    public Map<String, String> getProperties() {
        return OpenAiWire.asOnlyProvider(openai, Map.of(
                "darkroom.providers.openai.max-in-flight", "0",
                "darkroom.providers.openai.requests-per-minute", "6000",
                "darkroom.worker.concurrency", Integer.toString(CAP),
                "darkroom.worker.image-timeout", "20s"));
    }

    @AfterAll
    void stop() {
        openai.stop();
    }

    @Test
    void noMoreProviderCallsAreOpenThanTheWorkersConcurrency() {
        openai.when(OpenAiWire.generations()).respond(OpenAiWire.image().withDelay(TimeUnit.MILLISECONDS, ANSWER_MS));
        Jobs jobs = new Jobs(http);

        JobView done = jobs.awaitTerminal(jobs.create("case-concurrency-cap", Cases.body(6, 0)).jobId());

        assertThat(done.status()).isEqualTo("completed");
        long[] arrivals = MockServers.arrivals(openai, OpenAiWire.generations());
        assertThat(arrivals).hasSize(6);
        for (int i = 0; i + CAP < arrivals.length; i++) {
            // MockServer logs whole milliseconds: a little slack for the rounding, none for a call too many.
            assertThat(arrivals[i + CAP] - arrivals[i]).as("call %d started while %d were open", i + CAP + 1, CAP)
                    .isGreaterThanOrEqualTo(ANSWER_MS - 20);
        }
    }
}
