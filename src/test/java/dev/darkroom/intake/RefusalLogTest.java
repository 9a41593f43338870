package dev.darkroom.intake;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micronaut.http.HttpStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** A flood of refusals becomes one log line a minute that counts them by status, not a line per request. */
class RefusalLogTest {

    final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    @BeforeEach
    void capture() {
        lines.start();
        logger().addAppender(lines);
    }

    @AfterEach
    void release() {
        logger().detachAppender(lines);
    }

    @Test
    void theFirstRefusalIsToldAtOnceAndTheRestOncePerPeriodWithTheirCounts() {
        RefusalLog log = new RefusalLog(clock, Duration.ofMinutes(1));

        log.refused(HttpStatus.UNAUTHORIZED, "/v1/webhooks/worker", "webhook-id is required");
        for (int i = 0; i < 99; i++) {
            log.refused(HttpStatus.UNAUTHORIZED, "/v1/webhooks/worker", "webhook-id is required");
        }
        log.refused(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "/internal/runs", "over the limit");
        now = now.plus(Duration.ofMinutes(1));
        log.refused(HttpStatus.SERVICE_UNAVAILABLE, "/v1/webhooks/worker", "budget full");
        now = now.plus(Duration.ofMinutes(1));
        log.refused(HttpStatus.LENGTH_REQUIRED, "/internal/runs", "no length");

        assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
                "signed endpoints refused 1 requests unread since the last such line (by status {401=1}); latest: "
                        + "401 to POST /v1/webhooks/worker: webhook-id is required",
                "signed endpoints refused 101 requests unread since the last such line (by status {401=99, 413=1, "
                        + "503=1}); latest: 503 to POST /v1/webhooks/worker: budget full",
                "signed endpoints refused 1 requests unread since the last such line (by status {411=1}); latest: "
                        + "411 to POST /internal/runs: no length");
    }

    private static Logger logger() {
        return ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(SignedBodyFilter.class);
    }
}
