package dev.darkroom.security;

import dev.darkroom.status.JobView;
import dev.darkroom.support.Cases;
import dev.darkroom.support.Jobs;
import dev.darkroom.support.Tokens;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Runs a job, with failures and refused requests along the way, then reads every log line for a secret. */
@MicronautTest(transactional = false)
@Property(name = "darkroom.local-generator.fail-ids", value = "ev-2")
class LogScanTest {

    static final String RUN_SECRET = "test-run-secret-that-is-at-least-32-bytes-long";
    static final String WEBHOOK_SECRET_KEY = "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    @Inject
    @Client("/")
    HttpClient http;

    final ListAppender<ILoggingEvent> captured = new ListAppender<>();
    Logger root;

    @BeforeEach
    void capture() {
        root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME);
        captured.start();
        root.addAppender(captured);
        ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger("dev.darkroom")
                .setLevel(ch.qos.logback.classic.Level.DEBUG);
    }

    @AfterEach
    void release() {
        root.detachAppender(captured);
        ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger("dev.darkroom")
                .setLevel(ch.qos.logback.classic.Level.INFO);
    }

    @Test
    void noSecretOrTokenEverReachesTheLog() {
        String backend = Tokens.backend();
        Jobs jobs = new Jobs(http);
        JobView job = jobs.create("case-log-scan", Cases.body(3, 1));
        JobView done = jobs.awaitTerminal(job.jobId());
        assertThat(done.status()).isEqualTo("partial");
        catchThrowable(() -> http.toBlocking().exchange(HttpRequest.GET("/v1/jobs/" + job.jobId())
                .bearerAuth(backend + "tampered")));

        List<String> lines = captured.list.stream().map(LogScanTest::render).toList();
        assertThat(lines).as("the scan must have something to read").isNotEmpty();
        assertThat(String.join("\n", lines))
                .contains(job.jobId())
                .doesNotContain(Tokens.SECRET, RUN_SECRET, WEBHOOK_SECRET_KEY, job.pollToken(), backend)
                .doesNotContain(backend.substring(backend.lastIndexOf('.') + 1));
    }

    private static String render(ILoggingEvent event) {
        String thrown = event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy());
        // The MDC is printed with every line (text and JSON alike): a secret there would leak as surely.
        return event.getMDCPropertyMap() + " " + event.getFormattedMessage() + thrown;
    }
}
