package dev.darkroom.job;

import dev.darkroom.support.StateTable;
import dev.darkroom.job.outbox.Dispatch;
import dev.darkroom.job.outbox.DispatchStatus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Every pair of dispatch states, allowed and refused: only a due dispatch moves (a lease, a failed try or a
 * hold-back keep it due); sent, done and abandoned are where it stays.
 */
class DispatchStatusTransitionsTest {

    private static final List<DispatchStatus> COLUMNS = List.of(DispatchStatus.DUE, DispatchStatus.SENT,
            DispatchStatus.DONE, DispatchStatus.ABANDONED);

    private static final String TABLE = """
            #          due  sent  done  abandoned
            due        yes  yes   yes   yes
            sent       no   no    no    no
            done       no   no    no    no
            abandoned  no   no    no    no
            """;

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @MethodSource("everyPair")
    void aMoveIsAllowedExactlyWhenTheTableSaysSo(DispatchStatus from, DispatchStatus to, boolean allowed) {
        assertThat(from.canMoveTo(to)).isEqualTo(allowed);
    }

    @ParameterizedTest
    @EnumSource(DispatchStatus.class)
    void everyWriteOfADispatchIsCheckedAgainstTheTable(DispatchStatus status) {
        Dispatch dispatch = Dispatch.due("d-1", "j-1", "r-1", NOW);
        Dispatch in = status == DispatchStatus.DUE ? dispatch : dispatch.ended(status, null);
        List<UnaryOperator<Dispatch>> writes = List.of(d -> d.claimed(NOW), d -> d.failedTry(NOW, "down"),
                d -> d.heldBack(NOW, null), d -> d.sentTo(null), d -> d.ended(DispatchStatus.DONE, null),
                d -> d.ended(DispatchStatus.ABANDONED, null));

        for (UnaryOperator<Dispatch> write : writes) {
            if (status == DispatchStatus.DUE) {
                assertThat(write.apply(in)).isNotNull();
            } else {
                assertThatIllegalStateException().isThrownBy(() -> write.apply(in));
            }
        }
    }

    static Stream<Arguments> everyPair() {
        return StateTable.everyPair(DispatchStatus.class, COLUMNS, TABLE)
                .map(pair -> Arguments.of(pair.get()[0], pair.get()[1], pair.get()[2].equals("yes")));
    }
}
