package dev.darkroom.job;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every pair of job states, allowed and refused, read from one table: a row is the state a job is in, a column
 * the state it is asked to move to. A job only moves forward, a run.started may overtake the dispatcher's note
 * (pending to generating), any live job may end, and an ended job stays as it ended.
 */
class JobStatusTransitionsTest {

    private static final List<JobStatus> COLUMNS = List.of(JobStatus.PENDING, JobStatus.DISPATCHED,
            JobStatus.GENERATING, JobStatus.COMPLETED, JobStatus.PARTIAL, JobStatus.FAILED, JobStatus.CANCELED);

    private static final String TABLE = """
            #           pending  dispatched  generating  completed  partial  failed  canceled
            pending     no       yes         yes         yes        yes      yes     yes
            dispatched  no       no          yes         yes        yes      yes     yes
            generating  no       no          no          yes        yes      yes     yes
            completed   no       no          no          no         no       no      no
            partial     no       no          no          no         no       no      no
            failed      no       no          no          no         no       no      no
            canceled    no       no          no          no         no       no      no
            """;

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @MethodSource("everyPair")
    void aMoveIsAllowedExactlyWhenTheTableSaysSo(JobStatus from, JobStatus to, boolean allowed) {
        assertThat(from.canMoveTo(to)).isEqualTo(allowed);
    }

    @ParameterizedTest
    @EnumSource(JobStatus.class)
    void aStateIsTerminalExactlyWhenItCanMoveNowhere(JobStatus status) {
        boolean movesSomewhere = COLUMNS.stream().anyMatch(status::canMoveTo);
        assertThat(status.isTerminal()).isEqualTo(!movesSomewhere);
    }

    @ParameterizedTest
    @EnumSource(JobStatus.class)
    void onlyAJobThatEndedWithImagesNotMadeCanBeRetried(JobStatus status) {
        boolean endedShort = status == JobStatus.PARTIAL || status == JobStatus.FAILED
                || status == JobStatus.CANCELED;
        assertThat(status.canRetry()).isEqualTo(endedShort);
    }

    @ParameterizedTest(name = "{0} succeeded, {1} failed: {2}")
    @CsvSource({"3, 0, COMPLETED", "2, 1, PARTIAL", "1, 5, PARTIAL", "0, 2, FAILED", "0, 1, FAILED"})
    void aFinishedJobsStatusFollowsFromItsImages(int succeeded, int failed, JobStatus expected) {
        assertThat(JobStatus.finishedWith(succeeded, failed)).isEqualTo(expected);
    }

    @ParameterizedTest
    @EnumSource(JobStatus.class)
    void theWireNameIsTheLowerCaseName(JobStatus status) {
        assertThat(status.wireName()).isEqualTo(status.name().toLowerCase());
    }

    static Stream<Arguments> everyPair() {
        List<Arguments> pairs = new ArrayList<>();
        for (String line : TABLE.strip().split("\n")) {
            String[] cells = line.trim().split("\\s+");
            if (cells[0].equals("#")) {
                continue;
            }
            JobStatus from = JobStatus.valueOf(cells[0].toUpperCase());
            for (int i = 0; i < COLUMNS.size(); i++) {
                pairs.add(Arguments.of(from, COLUMNS.get(i), cells[i + 1].equals("yes")));
            }
        }
        assertThat(pairs).as("the table covers every pair of states").hasSize(JobStatus.values().length
                * JobStatus.values().length);
        assertThat(COLUMNS).containsExactlyInAnyOrder(JobStatus.values());
        return pairs.stream();
    }
}
