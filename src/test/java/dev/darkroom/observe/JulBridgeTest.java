package dev.darkroom.observe;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/** A library logging through java.util.logging (the OpenTelemetry SDK does) lands in logback's appenders. */
@MicronautTest
class JulBridgeTest {

    @Test
    void javaUtilLoggingReachesLogback() {
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME);
        root.addAppender(captured);
        try {
            java.util.logging.Logger.getLogger("io.opentelemetry.sdk.internal.ThrottlingLogger")
                    .severe("Failed to export spans.");
        } finally {
            root.detachAppender(captured);
        }
        assertThat(captured.list).extracting(ILoggingEvent::getFormattedMessage)
                .containsExactly("Failed to export spans.");
    }
}
