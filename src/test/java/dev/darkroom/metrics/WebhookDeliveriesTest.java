package dev.darkroom.metrics;

import dev.darkroom.run.RunEvent;
import dev.darkroom.run.WebhookEvent;
import dev.darkroom.security.Scopes;
import dev.darkroom.support.MockServers;
import dev.darkroom.support.Scrape;
import dev.darkroom.support.Tokens;
import dev.darkroom.worker.WebhookSender;
import io.micronaut.http.HttpRequest;
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

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockserver.model.HttpRequest.request;
import static org.mockserver.model.HttpResponse.response;

/** A worker's webhook deliveries as the scrape counts them: each retry, each delivery, each event given up on. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhookDeliveriesTest implements TestPropertyProvider {

    final ClientAndServer receiver = MockServers.start();

    @Inject
    WebhookSender sender;

    @Inject
    @Client("/")
    HttpClient http;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("darkroom.webhook.receiver-url", MockServers.url(receiver),
                "darkroom.roles.initiator", "false",
                "darkroom.roles.recovery", "false");
    }

    @AfterAll
    void stopReceiver() {
        receiver.stop();
    }

    @Test
    void retriesDeliveriesAndEventsGivenUpOnAreCountedApart() {
        receiver.when(request().withPath("/v1/webhooks/worker"), Times.exactly(2))
                .respond(response().withStatusCode(503));
        receiver.when(request().withPath("/v1/webhooks/worker"), Times.exactly(1))
                .respond(response().withStatusCode(200));
        assertThat(sender.deliverNow(heartbeat())).isTrue();

        receiver.when(request().withPath("/v1/webhooks/worker"), Times.exactly(1))
                .respond(response().withStatusCode(400));
        assertThat(sender.deliverNow(heartbeat())).isFalse();

        Scrape scrape = new Scrape(http.toBlocking().retrieve(HttpRequest.GET("/metrics")
                .bearerAuth(Tokens.withScopes(Scopes.OPS_READ))));
        assertThat(scrape.value("darkroom_webhook_deliveries_total", "outcome", "retried")).isEqualTo(2);
        assertThat(scrape.value("darkroom_webhook_deliveries_total", "outcome", "delivered")).isEqualTo(1);
        assertThat(scrape.value("darkroom_webhook_deliveries_total", "outcome", "given_up")).isEqualTo(1);
    }

    private static WebhookEvent heartbeat() {
        return WebhookEvent.of(new RunEvent.Heartbeat("job-1", "run-1"), Instant.now());
    }
}
