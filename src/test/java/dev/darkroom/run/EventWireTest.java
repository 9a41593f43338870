package dev.darkroom.run;

import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each event's payload is its own record, yet the wire is what receivers have always read: the envelope
 * {@code {type, timestamp, data}} and the data's fields by name, in the same order, nulls left out.
 */
@MicronautTest(startApplication = false)
class EventWireTest {

    static final Instant AT = Instant.parse("2026-01-02T03:04:05Z");

    @Inject
    JsonMapper json;

    @Test
    void everyEventTypeGoesOutInTheEnvelopeWithItsFieldsByName() throws Exception {
        assertThat(wire(new RunEvent.Started("j", "r"))).isEqualTo(
                "{\"type\":\"run.started\",\"timestamp\":" + ts() + ",\"data\":{\"jobId\":\"j\",\"runId\":\"r\"}}");
        assertThat(wire(new RunEvent.Heartbeat("j", "r"))).isEqualTo(
                "{\"type\":\"run.heartbeat\",\"timestamp\":" + ts() + ",\"data\":{\"jobId\":\"j\",\"runId\":\"r\"}}");
        assertThat(wire(new ImageOutcome.Succeeded("j", "r", 3, "ev-1", "image/jpeg", 512, 384, "ab", "AQI=",
                "local", new BigDecimal("0.04")))).isEqualTo("{\"type\":\"image.succeeded\",\"timestamp\":" + ts()
                + ",\"data\":{\"jobId\":\"j\",\"runId\":\"r\",\"seq\":3,\"imageId\":\"ev-1\","
                + "\"contentType\":\"image/jpeg\",\"width\":512,\"height\":384,\"sha256\":\"ab\",\"data\":\"AQI=\","
                + "\"provider\":\"local\",\"cost\":0.04}}");
        assertThat(wire(new ImageOutcome.Succeeded("j", "r", 3, "ev-1", "image/jpeg", 512, 384, "ab", "AQI=",
                null, null))).endsWith("\"sha256\":\"ab\",\"data\":\"AQI=\"}}");
        assertThat(wire(new ImageOutcome.Failed("j", "r", 4, "ev-2", new ImageOutcome.Error("timeout", "late",
                true)))).isEqualTo("{\"type\":\"image.failed\",\"timestamp\":" + ts()
                + ",\"data\":{\"jobId\":\"j\",\"runId\":\"r\",\"seq\":4,\"imageId\":\"ev-2\","
                + "\"error\":{\"code\":\"timeout\",\"message\":\"late\",\"retryable\":true}}}");
        assertThat(wire(new RunEvent.Finished("j", "r", List.of("ev-1"), List.of(new RunEvent.Finished.Failure(
                "ev-2", new ImageOutcome.Error("timeout", "late", false)))))).isEqualTo("{\"type\":\"run.finished\","
                + "\"timestamp\":" + ts() + ",\"data\":{\"jobId\":\"j\",\"runId\":\"r\",\"succeeded\":[\"ev-1\"],"
                + "\"failed\":[{\"imageId\":\"ev-2\",\"error\":{\"code\":\"timeout\",\"message\":\"late\","
                + "\"retryable\":false}}]}}");
        assertThat(wire(new RunEvent.Finished("j", "r", List.of(), List.of()))).endsWith(
                "\"data\":{\"jobId\":\"j\",\"runId\":\"r\",\"succeeded\":[],\"failed\":[]}}");
    }

    private String ts() throws Exception {
        return new String(json.writeValueAsBytes(AT), StandardCharsets.UTF_8);
    }

    private String wire(RunEvent data) throws Exception {
        return new String(json.writeValueAsBytes(WebhookEvent.of(data, AT)), StandardCharsets.UTF_8);
    }
}
