package dev.darkroom.job;

import dev.darkroom.support.StateTable;
import dev.darkroom.run.ImageKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Every pair of image states, allowed and refused, read from one table: a row is the state an image is in, a
 * column the state it is asked to move to, a cell the move that takes it there. A worker's acceptance starts an
 * image, a new attempt takes a generating one back, a retry makes a failed one again, bytes from any run make it
 * succeeded, and an open image may fail; a succeeded image stays so.
 */
class TaskStatusTransitionsTest {

    private static final List<TaskStatus> COLUMNS = List.of(TaskStatus.PENDING, TaskStatus.GENERATING,
            TaskStatus.SUCCEEDED, TaskStatus.FAILED);

    private static final String TABLE = """
            #           pending  generating  succeeded  failed
            pending     no       START       SUCCEED    FAIL
            generating  REOPEN   no          SUCCEED    FAIL
            succeeded   no       no          no         no
            failed      RETRY    no          SUCCEED    no
            """;

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @MethodSource("everyPair")
    void aMoveIsAllowedExactlyWhenTheTableSaysSo(TaskStatus from, TaskStatus to, String move) {
        assertThat(from.canMoveTo(to)).isEqualTo(!move.equals("no"));
        if (!move.equals("no")) {
            TaskStatus.Move named = TaskStatus.Move.valueOf(move);
            assertThat(TaskStatus.from(named)).contains(from);
            assertThat(TaskStatus.to(named)).isEqualTo(to);
        }
    }

    @ParameterizedTest(name = "{0} by {1}")
    @MethodSource("everyStateAndMove")
    void aMoveStartsFromExactlyTheStatesTheTableGivesIt(TaskStatus from, TaskStatus.Move move, boolean allowed) {
        assertThat(from.allows(move)).isEqualTo(allowed);
        assertThat(TaskStatus.from(move).contains(from)).isEqualTo(allowed);
    }

    @ParameterizedTest
    @EnumSource(TaskStatus.class)
    void theImagesOwnWritesRefuseWhatTheTableDoesNotHold(TaskStatus status) {
        ImageTask task = task(status);
        Instant now = Instant.parse("2026-01-02T00:00:00Z");

        if (cell(status, TaskStatus.SUCCEEDED).equals("SUCCEED")) {
            assertThat(task.succeeded("r-2", "image/jpeg", 8, 8, 10, "ab", "local", null, now).status())
                    .isEqualTo(TaskStatus.SUCCEEDED);
        } else {
            assertThatIllegalStateException().isThrownBy(() ->
                    task.succeeded("r-2", "image/jpeg", 8, 8, 10, "ab", "local", null, now));
        }
        if (cell(status, TaskStatus.FAILED).equals("FAIL")) {
            assertThat(task.failed("r-2", "provider_error", "no", now).status()).isEqualTo(TaskStatus.FAILED);
        } else {
            assertThatIllegalStateException().isThrownBy(() -> task.failed("r-2", "provider_error", "no", now));
        }
    }

    @ParameterizedTest
    @EnumSource(TaskStatus.class)
    void anImageIsDoneOnceMadeOrFailedAndOpenOtherwise(TaskStatus status) {
        boolean done = status == TaskStatus.SUCCEEDED || status == TaskStatus.FAILED;
        assertThat(status.isDone()).isEqualTo(done);
        assertThat(TaskStatus.open().contains(status)).isEqualTo(!done);
    }

    @ParameterizedTest
    @EnumSource(TaskStatus.class)
    void theWireNameIsTheLowerCaseName(TaskStatus status) {
        assertThat(status.wireName()).isEqualTo(status.name().toLowerCase());
    }

    private static ImageTask task(TaskStatus status) {
        return new ImageTask("t-1", "j-1", "ev-1", 0, ImageKind.EVIDENCE, "Key", "", status, "r-1", null, null, null,
                null, null, null, null, null, null, null, 0L);
    }

    private static String cell(TaskStatus from, TaskStatus to) {
        return everyPair().filter(pair -> pair.get()[0] == from && pair.get()[1] == to)
                .map(pair -> (String) pair.get()[2]).findFirst().orElseThrow();
    }

    static Stream<Arguments> everyStateAndMove() {
        List<Arguments> cases = new ArrayList<>();
        for (TaskStatus from : TaskStatus.values()) {
            for (TaskStatus.Move move : TaskStatus.Move.values()) {
                boolean inRow = COLUMNS.stream().anyMatch(to -> cell(from, to).equals(move.name()));
                cases.add(Arguments.of(from, move, inRow));
            }
        }
        return cases.stream();
    }

    static Stream<Arguments> everyPair() {
        return StateTable.everyPair(TaskStatus.class, COLUMNS, TABLE);
    }
}
