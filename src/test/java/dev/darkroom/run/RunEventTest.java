package dev.darkroom.run;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every event type has one payload record, and a handler is told of each by its own method. */
class RunEventTest {

    static final ImageOutcome.Error ERROR = new ImageOutcome.Error("timeout", "late", true);

    @Test
    void everyPayloadRecordIsNamedByExactlyOneEventType() {
        List<Class<?>> records = Stream.of(RunEvent.class.getPermittedSubclasses())
                .flatMap(c -> c.isInterface() ? Arrays.stream(c.getPermittedSubclasses()) : Stream.of(c))
                .toList();

        assertThat(records).hasSize(5).allMatch(Class::isRecord);
        assertThat(List.<Class<?>>copyOf(RunEvent.TYPES.values())).containsExactlyInAnyOrderElementsOf(records);
        assertThat(RunEvent.TYPES.keySet()).containsExactlyInAnyOrder("run.started", "run.heartbeat",
                "image.succeeded", "image.failed", "run.finished");
    }

    @Test
    void eachEventReachesItsOwnHandlerMethodAndNamesItsOwnType() {
        Map<RunEvent, String> events = Map.of(
                new RunEvent.Started("j", "r"), "run.started",
                new RunEvent.Heartbeat("j", "r"), "run.heartbeat",
                new ImageOutcome.Succeeded("j", "r", 1, "ev-1", "image/jpeg", 1, 1, "ab", "AQI=", null, null),
                "image.succeeded",
                new ImageOutcome.Failed("j", "r", 2, "ev-2", ERROR), "image.failed",
                new RunEvent.Finished("j", "r", List.of(), List.of()), "run.finished");

        events.forEach((event, type) -> {
            assertThat(event.accept(new Naming())).as("handled as").isEqualTo(type);
            assertThat(event.eventType()).isEqualTo(type);
            assertThat(RunEvent.payloadOf(type)).contains(event.getClass());
        });
    }

    /** Says which method it was called by. */
    private static final class Naming implements RunEvent.Handler<String> {
        @Override
        public String started(RunEvent.Started event) {
            return "run.started";
        }

        @Override
        public String heartbeat(RunEvent.Heartbeat event) {
            return "run.heartbeat";
        }

        @Override
        public String succeeded(ImageOutcome.Succeeded event) {
            return "image.succeeded";
        }

        @Override
        public String failed(ImageOutcome.Failed event) {
            return "image.failed";
        }

        @Override
        public String finished(RunEvent.Finished event) {
            return "run.finished";
        }
    }
}
