package dev.darkroom.job;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The write every run event, the dispatcher, recovery and a cancel share, over every pair of job states: it takes
 * a forward move of the table and nothing else, so a late or repeated event asking for an earlier state, or for
 * the state a retry would reach, leaves the job where it is. Only the retry action reopens an ended job.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventMovesTest implements TestPropertyProvider {

    @Inject
    JobUpdater updater;

    @Inject
    JobRepository jobs;

    @Override
    public Map<String, String> getProperties() {
        return StatusQueriesContract.NO_BACKGROUND_WORK;
    }

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @MethodSource("dev.darkroom.job.JobStatusTransitionsTest#everyPair")
    void anEventMovesAJobOnlyForward(JobStatus from, JobStatus to, String kind) {
        Job job = jobs.save(JobStatusTransitionsTest.job(from));

        Job after = updater.moveTo(job, to);

        assertThat(after.status()).isEqualTo(kind.equals("advance") ? to : from);
        assertThat(jobs.findById(job.id()).orElseThrow().status()).isEqualTo(after.status());
    }

    @ParameterizedTest
    @EnumSource(value = JobStatus.class, names = {"PARTIAL", "FAILED", "CANCELED"})
    void theRetryReopensAnEndedJobOnAFreshRun(JobStatus ended) {
        Job job = jobs.save(JobStatusTransitionsTest.job(ended));

        Job reopened = updater.reopen(job, "");

        Job stored = jobs.findById(job.id()).orElseThrow();
        assertThat(stored.status()).isEqualTo(JobStatus.PENDING);
        assertThat(stored.runId()).isEqualTo(reopened.runId()).isNotEqualTo(job.runId());
        assertThat(stored.activeCaseId()).isEqualTo(job.caseId());
    }
}
