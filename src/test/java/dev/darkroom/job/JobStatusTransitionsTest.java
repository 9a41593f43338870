package dev.darkroom.job;

import dev.darkroom.support.StateTable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Every pair of job states, allowed and refused, read from one table: a row is the state a job is in, a column
 * the state it is asked to move to, a cell the kind of move that may take it there. A job's progress only moves it
 * forward (a run.started may overtake the dispatcher's note: pending to generating), any live job may end, and an
 * ended job stays as it ended unless it is retried, which only an end with images not made allows.
 */
class JobStatusTransitionsTest {

    static final List<JobStatus> COLUMNS = List.of(JobStatus.PENDING, JobStatus.DISPATCHED,
            JobStatus.GENERATING, JobStatus.COMPLETED, JobStatus.PARTIAL, JobStatus.FAILED, JobStatus.CANCELED);

    private static final String TABLE = """
            #           pending  dispatched  generating  completed  partial  failed   canceled
            pending     no       advance     advance     advance    advance  advance  advance
            dispatched  no       no          advance     advance    advance  advance  advance
            generating  no       no          no          advance    advance  advance  advance
            completed   no       no          no          no         no       no       no
            partial     retry    no          no          no         no       no       no
            failed      retry    no          no          no         no       no       no
            canceled    retry    no          no          no         no       no       no
            """;

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @MethodSource("everyPair")
    void aMoveIsAllowedExactlyWhenTheTableSaysSo(JobStatus from, JobStatus to, String kind) {
        assertThat(from.canMoveTo(to)).isEqualTo(!kind.equals("no"));
        assertThat(from.canAdvanceTo(to)).isEqualTo(kind.equals("advance"));
        assertThat(from.allows(JobStatus.Move.ADVANCE, to)).isEqualTo(kind.equals("advance"));
        assertThat(from.allows(JobStatus.Move.RETRY, to)).isEqualTo(kind.equals("retry"));
    }

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @MethodSource("everyPair")
    void theJobsOwnWriteRefusesEveryMoveTheTableDoesNotHold(JobStatus from, JobStatus to, String kind) {
        Job job = job(from);
        Instant now = Instant.parse("2026-01-02T00:00:00Z");

        if (kind.equals("advance")) {
            assertThat(job.advancedTo(to, now).status()).isEqualTo(to);
        } else {
            assertThatIllegalStateException().isThrownBy(() -> job.advancedTo(to, now));
        }
        if (to == JobStatus.PENDING && kind.equals("retry")) {
            assertThat(job.reopened("run-2", now).status()).isEqualTo(JobStatus.PENDING);
        } else if (to == JobStatus.PENDING) {
            assertThatIllegalStateException().isThrownBy(() -> job.reopened("run-2", now));
        }
    }

    @ParameterizedTest
    @EnumSource(JobStatus.class)
    void exactlyTheFourEndsAreTerminal(JobStatus status) {
        boolean ends = status == JobStatus.COMPLETED || status == JobStatus.PARTIAL || status == JobStatus.FAILED
                || status == JobStatus.CANCELED;
        assertThat(status.isTerminal()).isEqualTo(ends);
        assertThat(JobStatus.terminal().contains(status)).isEqualTo(ends);
    }

    @ParameterizedTest
    @EnumSource(JobStatus.class)
    void onlyAJobThatEndedWithImagesNotMadeCanBeRetried(JobStatus status) {
        boolean endedShort = status == JobStatus.PARTIAL || status == JobStatus.FAILED
                || status == JobStatus.CANCELED;
        assertThat(status.canRetry()).isEqualTo(endedShort);
    }

    @ParameterizedTest
    @EnumSource(value = JobStatus.class, names = {"PARTIAL", "FAILED", "CANCELED"})
    void aReopenedJobHoldsItsCaseAgainOnAFreshRunWithItsAttemptsCountedAnew(JobStatus ended) {
        Job job = job(ended);
        Instant now = Instant.parse("2026-01-02T00:00:00Z");

        Job reopened = job.reopened("run-2", now);

        assertThat(reopened.activeCaseId()).isEqualTo(job.caseId());
        assertThat(reopened.runId()).isEqualTo("run-2");
        assertThat(reopened.attempt()).isEqualTo(1);
        assertThat(reopened.finishedAt()).isNull();
        assertThat(reopened.failureReason()).isNull();
        assertThat(reopened.startedAt()).isEqualTo(job.startedAt());
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

    /** A job in {@code status}, attempt 3 of run 1, as it would stand in that state. */
    static Job job(JobStatus status) {
        Instant then = Instant.parse("2026-01-01T00:00:00Z");
        String caseId = "case-" + UUID.randomUUID();
        return new Job(UUID.randomUUID().toString(), caseId, status.isTerminal() ? null : caseId, status, 3,
                "run-1", null, "h", status.isTerminal() ? "worker lost" : null, then,
                status == JobStatus.PENDING ? null : then, status.isTerminal() ? then : null, then, 0, then, 0L);
    }

    static Stream<Arguments> everyPair() {
        return StateTable.everyPair(JobStatus.class, COLUMNS, TABLE);
    }
}
