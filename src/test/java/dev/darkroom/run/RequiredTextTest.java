package dev.darkroom.run;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.validation.validator.Validator;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Each rule of an id a signed request carries, with its words, one violation a field. */
@MicronautTest(startApplication = false)
class RequiredTextTest {

    @Inject
    Validator validator;

    @Test
    void anIdWithinItsBoundAndStorableIsTaken() {
        assertThat(violations(new RunEvent.Started("j".repeat(EventBounds.JOB_ID), "run-1"))).isEmpty();
    }

    @Test
    void aMissingOrBlankIdIsRequired() {
        assertThat(violations(new RunEvent.Started(null, "run-1"))).containsExactly("jobId is required");
        assertThat(violations(new RunEvent.Started(" \t", "run-1"))).containsExactly("jobId is required");
    }

    @Test
    void anIdOneUnitOverItsBoundIsTooLong() {
        assertThat(violations(new RunEvent.Started("j".repeat(EventBounds.JOB_ID + 1), "run-1")))
                .containsExactly("jobId must be at most 36 characters");
    }

    @Test
    void anIdWithAControlCharacterCannotBeStored() {
        assertThat(violations(new RunEvent.Started("job\u0000", "run-1"))).containsExactly("jobId " + Storable.RULE);
        assertThat(violations(new RunEvent.Started("job", "run\u0007")))
                .containsExactly("runId " + Storable.RULE);
    }

    private List<String> violations(Object payload) {
        return validator.validate(payload).stream()
                .map(v -> v.getPropertyPath() + " " + v.getMessage())
                .sorted()
                .toList();
    }
}
