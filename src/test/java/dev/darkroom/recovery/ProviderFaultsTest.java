package dev.darkroom.recovery;

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
import org.mockserver.matchers.Times;
import org.mockserver.model.HttpRequest;
import org.mockserver.model.StringBody;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockserver.model.HttpRequest.request;

/**
 * One job against a provider that misbehaves in every documented way at once, each image its own way: it hangs,
 * answers 500 then 200, answers 429 with Retry-After then 200, or refuses the prompt. Each image ends as
 * docs/operations.md says, and the others are not held back.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProviderFaultsTest implements TestPropertyProvider {

    final ClientAndServer openai = MockServers.start();

    @Inject
    @Client("/")
    HttpClient http;

    @Override
    public Map<String, String> getProperties() {
        return OpenAiWire.asOnlyProvider(openai, Map.of(
                "darkroom.providers.openai.requests-per-minute", "6000",
                "darkroom.worker.image-timeout", "1s",
                "darkroom.worker.max-retries", "2"));
    }

    @AfterAll
    void stop() {
        openai.stop();
    }

    @Test
    void eachProviderFaultEndsTheWayItIsDocumented() {
        openai.when(about("Hanging clock")).respond(OpenAiWire.image().withDelay(TimeUnit.SECONDS, 30));
        openai.when(about("Flaky letter"), Times.once()).respond(OpenAiWire.error(500, "server_error", null, "upstream hiccup"));
        openai.when(about("Throttled key"), Times.once()).respond(OpenAiWire.error(429, "requests", "rate_limit_exceeded",
                "Rate limit reached").withHeader("retry-after", "1"));
        openai.when(about("Refused vial")).respond(OpenAiWire.error(400, "image_generation_user_error",
                "content_policy_violation", "Your request was rejected by the safety system."));
        openai.when(request().withPath("/v1/images/generations")).respond(OpenAiWire.image());

        Jobs jobs = new Jobs(http);
        Map<String, Object> body = Map.of("evidence", List.of(
                Cases.item("ev-hang", "Hanging clock", "A clock that never answers"),
                Cases.item("ev-500", "Flaky letter", "A letter from a flaky server"),
                Cases.item("ev-429", "Throttled key", "A key behind a rate limit"),
                Cases.item("ev-refused", "Refused vial", "A vial the safety system refuses"),
                Cases.item("ev-fine", "Plain ring", "A plain gold ring")));
        JobView done = jobs.awaitTerminal(jobs.create("case-provider-faults", body).jobId());

        assertThat(done.status()).isEqualTo("partial");
        assertThat(jobs.image(done, "ev-hang").error().code()).isEqualTo("timeout");
        assertThat(jobs.image(done, "ev-500").status()).isEqualTo("succeeded");
        assertThat(jobs.image(done, "ev-429").status()).isEqualTo("succeeded");
        assertThat(jobs.image(done, "ev-refused").error().code()).isEqualTo("content_policy");
        assertThat(jobs.image(done, "ev-refused").error().message()).contains("safety system");
        assertThat(jobs.image(done, "ev-fine").status()).isEqualTo("succeeded");

        assertThat(calls("Hanging clock")).as("a hang is retried: it may be transient").hasSize(3);
        assertThat(calls("Flaky letter")).hasSize(2);
        assertThat(calls("Refused vial")).as("a refusal is final").hasSize(1);
        long[] throttled = arrivals("Throttled key");
        assertThat(throttled).hasSize(2);
        assertThat(throttled[1]).as("Retry-After: 1 was honoured").isGreaterThanOrEqualTo(950);
    }

    private static HttpRequest about(String name) {
        return request().withPath(OpenAiWire.PATH).withBody(StringBody.subString(name));
    }

    private HttpRequest[] calls(String name) {
        return openai.retrieveRecordedRequests(about(name));
    }

    private long[] arrivals(String name) {
        return MockServers.arrivals(openai, about(name));
    }
}
