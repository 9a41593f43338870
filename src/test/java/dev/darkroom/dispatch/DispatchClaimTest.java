package dev.darkroom.dispatch;

import dev.darkroom.job.JobRepository;
import dev.darkroom.support.ClaimRace;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;

import static org.assertj.core.api.Assertions.assertThat;

/** On H2: two claimers at the same moment never get the same dispatch, and the second does not wait. */
@MicronautTest(transactional = false)
class DispatchClaimTest {

    @Inject
    DispatchRepository dispatches;

    @Inject
    JobRepository jobs;

    @Inject
    TransactionOperations<Connection> tx;

    @Test
    void concurrentClaimsSkipEachOthersRows() throws Exception {
        ClaimRace.Result race = ClaimRace.run(jobs, dispatches, tx, 6, 3);

        assertThat(race.first()).hasSize(3);
        // H2 applies the LIMIT before skipping locked rows, so the second claimer may get fewer than the three
        // left (PostgreSQL gives all three: see PostgresFlowTest). It never waits and never takes a held row.
        assertThat(race.second()).hasSizeLessThanOrEqualTo(3).doesNotContainAnyElementsOf(race.first());
    }
}
