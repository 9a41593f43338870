package dev.darkroom.security;

import dev.darkroom.support.Cases;
import dev.darkroom.support.Jobs;
import dev.darkroom.support.MockServers;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.mockserver.integration.ClientAndServer;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockserver.model.HttpRequest.request;
import static org.mockserver.model.HttpResponse.response;

/** A receiver that redirects cannot send the worker's signed events anywhere else. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedirectRefusalTest implements TestPropertyProvider {

    final ClientAndServer redirectingReceiver = MockServers.start();
    final ClientAndServer elsewhere = MockServers.start();

    @Inject
    @Client("/")
    HttpClient http;

    @Override
    public Map<String, String> getProperties() {
        redirectingReceiver.when(request()).respond(response().withStatusCode(307)
                .withHeader("Location", MockServers.url(elsewhere) + "/collect"));
        elsewhere.when(request()).respond(response().withStatusCode(200));
        return Map.of("darkroom.webhook.receiver-url", MockServers.url(redirectingReceiver),
                "darkroom.webhook.max-attempts", "2");
    }

    @AfterAll
    void stop() {
        redirectingReceiver.stop();
        elsewhere.stop();
    }

    @Test
    void webhooksDoNotFollowRedirects() {
        new Jobs(http).create("case-redirect", Cases.body(2, 0));

        await().atMost(Duration.ofSeconds(20)).until(() -> redirectingReceiver.retrieveRecordedRequests(
                request().withPath("/v1/webhooks/worker")).length >= 4);
        assertThat(elsewhere.retrieveRecordedRequests(request())).isEmpty();
    }
}
