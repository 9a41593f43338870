package dev.darkroom.intake;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The budget of signed bytes in flight: whatever fits is taken, up to the last byte, and nothing beyond. */
class BytesInFlightTest {

    @Test
    void aBodyThatFillsTheBudgetExactlyFitsAndNothingMoreDoes() {
        BytesInFlight budget = new BytesInFlight(100);

        assertThat(budget.tryReserve(60)).isTrue();
        assertThat(budget.tryReserve(40)).as("the last 40 bytes").isTrue();
        assertThat(budget.tryReserve(1)).as("one byte over").isFalse();
        assertThat(budget.held()).isEqualTo(100);
    }
}
