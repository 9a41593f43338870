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

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** An ordered list of providers: images leave a failing primary for the next one, but a refusal stays a refusal. */
class FailoverTest {

    abstract static class WithOpenAiThenLocal implements TestPropertyProvider {

        final ClientAndServer openai = MockServers.start();

        @Inject
        @Client("/")
        HttpClient http;

        @Override
        public Map<String, String> getProperties() {
            Map<String, String> properties = new HashMap<>();
            properties.put("darkroom.providers.order", "openai,local");
            properties.put("darkroom.providers.openai.api-key", "sk-test-key");
            properties.put("darkroom.providers.openai.base-url", MockServers.url(openai));
            properties.put("darkroom.providers.openai.requests-per-minute", "6000");
            properties.put("darkroom.providers.openai.price-per-image", "0.04");
            properties.put("darkroom.local-generator.price-per-image", "0.001");
            properties.put("darkroom.providers.circuit-failures", "4");
            properties.put("darkroom.worker.concurrency", "2");
            return properties;
        }

        @AfterAll
        void stop() {
            openai.stop();
        }

        int openAiCalls() {
            return openai.retrieveRecordedRequests(OpenAiWire.generations()).length;
        }
    }

    @Nested
    @MicronautTest(transactional = false)
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class WhenThePrimaryIsDown extends WithOpenAiThenLocal {

        @Test
        void everyImageIsMadeByTheNextProviderAndTheOpenCircuitSparesThePrimary() {
            openai.when(OpenAiWire.generations())
                    .respond(OpenAiWire.error(503, "server_error", null, "The engine is currently overloaded"));
            Jobs jobs = new Jobs(http);

            JobView done = jobs.awaitTerminal(jobs.create("case-failover", Cases.body(8, 2)).jobId());

            assertThat(done.status()).isEqualTo("completed");
            assertThat(done.images()).allSatisfy(i -> assertThat(i.provider()).isEqualTo("local"));
            assertThat(done.costEstimate()).isEqualByComparingTo(new BigDecimal("0.010"));
            // Without the circuit every image would cost the primary three calls (the first and two retries).
            assertThat(openAiCalls()).isLessThan(10 * 3);
        }
    }

    @Nested
    @MicronautTest(transactional = false)
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class WhenThePrimaryRefusesAPrompt extends WithOpenAiThenLocal {

        @Test
        void theRefusalIsFinalAndNoOtherProviderIsAsked() {
            openai.when(OpenAiWire.generations())
                    .respond(OpenAiWire.error(400, "image_generation_user_error", "moderation_blocked",
                            "Your request was rejected by the safety system."));
            Jobs jobs = new Jobs(http);

            JobView done = jobs.awaitTerminal(jobs.create("case-refused", Cases.body(1, 1)).jobId());

            assertThat(done.status()).isEqualTo("failed");
            assertThat(done.images()).allSatisfy(i -> {
                assertThat(i.error().code()).isEqualTo("content_policy");
                assertThat(i.provider()).isNull();
            });
            assertThat(openAiCalls()).isEqualTo(2);
        }
    }
}
