package dev.darkroom.worker;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.darkroom.run.RunEvent;
import dev.darkroom.run.WebhookEvent;
import dev.darkroom.support.MockServers;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockserver.integration.ClientAndServer;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockserver.model.HttpRequest.request;
import static org.mockserver.model.HttpResponse.response;

/**
 * Once its node's context has closed, the webhook sender sends nothing more: a delivery still retrying would
 * otherwise go on against a dead context (its clients and beans gone) and log failures that are not the receiver's.
 */
class ClosedSenderTest {

    final ClientAndServer receiver = MockServers.start();
    final ListAppender<ILoggingEvent> captured = new ListAppender<>();
    final Logger senderLog = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(WebhookSender.class);

    @AfterEach
    void release() {
        senderLog.detachAppender(captured);
        receiver.stop();
    }

    @Test
    void aSenderWhoseContextClosedSendsNothingMoreAndBlamesNoReceiver() {
        receiver.when(request().withPath("/v1/webhooks/worker")).respond(response().withStatusCode(200));
        WebhookEvent heartbeat = WebhookEvent.of(new RunEvent.Heartbeat("job-1", "run-1"), Instant.now());
        EmbeddedServer node = ApplicationContext.run(EmbeddedServer.class, Map.of(
                "darkroom.webhook.receiver-url", MockServers.url(receiver),
                // Few and short retries, so that a sender that kept trying would be done (and have said so) at once.
                "darkroom.webhook.max-attempts", "2",
                "darkroom.webhook.initial-backoff", "10ms",
                "darkroom.roles.initiator", "false",
                "darkroom.roles.recovery", "false"), Environment.TEST);
        WebhookSender sender = node.getApplicationContext().getBean(WebhookSender.class);
        assertThat(sender.deliverNow(heartbeat)).as("delivered while the node is up").isTrue();

        node.close();
        captured.start();
        senderLog.addAppender(captured);

        assertThat(sender.deliverNow(heartbeat)).as("refused once the node closed").isFalse();
        assertThat(receiver.retrieveRecordedRequests(request().withPath("/v1/webhooks/worker"))).hasSize(1);
        assertThat(captured.list).as("no warning about a receiver that was never asked")
                .noneMatch(line -> line.getLevel().isGreaterOrEqual(Level.WARN));
    }
}
