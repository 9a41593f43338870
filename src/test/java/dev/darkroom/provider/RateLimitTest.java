package dev.darkroom.provider;

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
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.mockserver.integration.ClientAndServer;
import org.mockserver.matchers.Times;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A provider's limits hold for the whole worker, across runs, and are read from the times MockServer received the
 * requests: nothing here sleeps or measures its own clock.
 */
class RateLimitTest {

    abstract static class AgainstOpenAi implements TestPropertyProvider {

        final ClientAndServer openai = MockServers.start();

        @Inject
        @Client("/")
        HttpClient http;

        Map<String, String> common() {
            Map<String, String> properties = new HashMap<>();
            properties.put("darkroom.providers.order", "openai");
            properties.put("darkroom.providers.openai.api-key", "sk-test-key");
            properties.put("darkroom.providers.openai.base-url", MockServers.url(openai));
            return properties;
        }

        @AfterAll
        void stop() {
            openai.stop();
        }

        /** Milliseconds after the first request at which each request arrived, in order. */
        long[] arrivals() {
            return MockServers.arrivals(openai, OpenAiWire.generations());
        }

        static int mostWithin(long[] arrivals, long windowMillis) {
            int most = 0;
            for (int i = 0, j = 0; i < arrivals.length; i++) {
                while (arrivals[i] - arrivals[j] >= windowMillis) {
                    j++;
                }
                most = Math.max(most, i - j + 1);
            }
            return most;
        }
    }

    @Nested
    @MicronautTest(transactional = false)
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class ABurstOfAHundredImages extends AgainstOpenAi {

        @Override
        public Map<String, String> getProperties() {
            Map<String, String> properties = common();
            // 20 a second, a second's worth (20) at once, at most 4 open; two runs of 5 images in flight each.
            properties.put("darkroom.providers.openai.requests-per-minute", "1200");
            properties.put("darkroom.providers.openai.max-in-flight", "4");
            return properties;
        }

        @Test
        void isHeldToTheConfiguredRateAndInFlightLimitAcrossRuns() {
            openai.when(OpenAiWire.generations())
                    .respond(OpenAiWire.image().withDelay(TimeUnit.MILLISECONDS, 60));
            Jobs jobs = new Jobs(http);

            String first = jobs.create("case-burst-1", Cases.body(40, 10)).jobId();
            String second = jobs.create("case-burst-2", Cases.body(40, 10)).jobId();
            JobView firstDone = jobs.awaitTerminal(first);
            JobView secondDone = jobs.awaitTerminal(second);

            assertThat(firstDone.status()).isEqualTo("completed");
            assertThat(secondDone.status()).isEqualTo("completed");
            long[] arrivals = arrivals();
            assertThat(arrivals).hasSize(100);
            // 100 requests at 20 a second with 20 allowed at once take at least (100 - 20) / 20 = 4 seconds.
            assertThat(arrivals[99]).isGreaterThanOrEqualTo(3_800);
            // No second holds more than the burst plus a second's refill (a little slack for arrival jitter).
            assertThat(mostWithin(arrivals, 1_000)).isLessThanOrEqualTo(20 + 20 + 2);
            // Each answer takes 60 ms, so requests arriving within 50 ms of each other were all open at once.
            assertThat(mostWithin(arrivals, 50)).isLessThanOrEqualTo(4);
        }
    }

    @Nested
    @MicronautTest(transactional = false)
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class ATooManyRequestsAnswer extends AgainstOpenAi {

        @Override
        public Map<String, String> getProperties() {
            Map<String, String> properties = common();
            properties.put("darkroom.providers.openai.requests-per-minute", "6000");
            properties.put("darkroom.providers.openai.max-in-flight", "1");
            properties.put("darkroom.worker.concurrency", "1");
            return properties;
        }

        @Test
        void holdsBackEveryRunNotOnlyTheOneThatGotIt() {
            openai.when(OpenAiWire.generations(), Times.once())
                    .respond(OpenAiWire.error(429, "requests", "rate_limit_exceeded", "Rate limit reached")
                            .withHeader("retry-after-ms", "1200"));
            openai.when(OpenAiWire.generations()).respond(OpenAiWire.image());
            Jobs jobs = new Jobs(http);

            String first = jobs.create("case-429-1", Cases.body(2, 0)).jobId();
            String second = jobs.create("case-429-2", Cases.body(2, 0)).jobId();
            assertThat(jobs.awaitTerminal(first).status()).isEqualTo("completed");
            assertThat(jobs.awaitTerminal(second).status()).isEqualTo("completed");

            long[] arrivals = arrivals();
            assertThat(arrivals).hasSize(5);
            // The other run was waiting for the one open slot; it too waited out the Retry-After.
            assertThat(arrivals[1]).isGreaterThanOrEqualTo(1_100);
        }
    }
}
