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

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockserver.model.HttpRequest.request;

/**
 * A provider's error message reaches the job even when it holds characters the receiver refuses: the worker
 * replaces them before reporting, instead of sending an event the receiver must refuse.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProviderMessageTest implements TestPropertyProvider {

    final ClientAndServer openai = MockServers.start();

    @Inject
    @Client("/")
    HttpClient http;

    @Override
    public Map<String, String> getProperties() {
        return OpenAiWire.asOnlyProvider(openai, Map.of());
    }

    @AfterAll
    void stop() {
        openai.stop();
    }

    @Test
    void aRefusalWhoseMessageHoldsControlCharactersFailsTheImageWithTheMessageCleaned() {
        openai.when(request().withPath(OpenAiWire.PATH)).respond(OpenAiWire.error(400, "image_generation_user_error",
                "content_policy_violation", "Rejected\\u0000 by \\u001b[31mthe safety system"));

        Jobs jobs = new Jobs(http);
        JobView done = jobs.awaitTerminal(jobs.create("case-provider-message",
                Map.of("evidence", List.of(Cases.item("ev-1", "Vial", "A vial")))).jobId());

        JobView.ErrorView error = jobs.image(done, "ev-1").error();
        assertThat(error.code()).isEqualTo("content_policy");
        assertThat(error.message()).contains("Rejected\uFFFD by \uFFFD[31mthe safety system");
    }
}
