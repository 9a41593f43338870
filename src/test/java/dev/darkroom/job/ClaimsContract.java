package dev.darkroom.job;

import dev.darkroom.job.outbox.Dispatch;
import dev.darkroom.job.outbox.DispatchRepository;
import dev.darkroom.job.outbox.DispatchStatus;
import dev.darkroom.support.ClaimRace;
import dev.darkroom.support.StatementLog;
import io.micronaut.data.exceptions.OptimisticLockException;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Claims of due dispatches and of quiet jobs: exactly once across claimers that race as several nodes would, each
 * claim one statement, and the row back as the claim left it, so the next write's version check holds. The same
 * tests run on H2 and on PostgreSQL, because each says the claim in its own SQL.
 */
abstract class ClaimsContract {

    static final Map<String, String> SETTINGS = Map.of(
            "darkroom.roles.initiator", "false",
            "darkroom.roles.recovery", "false",
            "statement-log", "true");

    @Inject
    Claims claims;

    @Inject
    JobRepository jobs;

    @Inject
    DispatchRepository dispatches;

    @Inject
    TransactionOperations<Connection> tx;

    @Inject
    StatementLog statements;

    final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    final Instant lease = now.plus(Duration.ofMinutes(5));
    final Instant hold = now.plus(Duration.ofMinutes(2));
    final Instant longAgo = now.minus(Duration.ofDays(1));
    final Instant cutoff = now.minus(Duration.ofHours(1));

    /** H2 applies the LIMIT before skipping locked rows: a racing claimer may get fewer than are free. */
    abstract boolean aRacingClaimerGetsEveryFreeRow();

    @BeforeEach
    void noRowsOfAnotherTest() {
        // Dispatches go with their jobs.
        jobs.deleteAll();
    }

    @Test
    void twoClaimersAtOnceNeverGetTheSameDispatch() throws Exception {
        dueDispatches(6);

        ClaimRace.Result race = ClaimRace.held(tx, limit -> ids(claims.dueDispatches(now, lease, limit)), 3, 6);

        assertThat(race.first()).hasSize(3);
        assertThat(race.second()).doesNotContainAnyElementsOf(race.first());
        if (aRacingClaimerGetsEveryFreeRow()) {
            assertThat(race.second()).hasSize(3);
        }
    }

    @Test
    void claimersRacingFreelyTakeEveryDueDispatchExactlyOnce() throws Exception {
        List<String> due = dueDispatches(60);

        List<String> claimed = ClaimRace.free(tx, limit -> ids(claims.dueDispatches(now, lease, limit)), 4, 5,
                due.size());

        assertThat(claimed).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(due);
    }

    @Test
    void aDispatchClaimIsOneStatementAndReturnsTheRowsNewVersionAndLease() {
        dueDispatches(2);
        List<Dispatch> before = dispatches.findAll().stream().toList();
        statements.clear();

        List<Dispatch> claimed = tx.executeWrite(status -> claims.dueDispatches(now, lease, 10));

        assertThat(statements.ofThisThread()).singleElement().satisfies(claim ->
                assertThat(claim.sql()).contains("UPDATE dispatches", "FOR UPDATE SKIP LOCKED"));
        assertThat(claimed).hasSize(2).allSatisfy(row -> {
            assertThat(row.version()).isEqualTo(1L);
            assertThat(row.dueAt()).isEqualTo(lease);
            assertThat(row.status()).isEqualTo(DispatchStatus.DUE);
            assertThat(row.tries()).isZero();
        });
        Dispatch sent = dispatches.update(claimed.get(0).sentTo(null));
        assertThat(sent.version()).isEqualTo(2L);
        Dispatch stale = before.stream().filter(d -> d.id().equals(claimed.get(1).id())).findFirst().orElseThrow();
        assertThatThrownBy(() -> dispatches.update(stale.sentTo(null))).isInstanceOf(OptimisticLockException.class);
    }

    @Test
    void dueDispatchesAreClaimedOldestFirstWhateverTheirDueTime() {
        List<String> oldestFirst = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Instant created = longAgo.plusSeconds(i);
            Job job = jobs.save(job(JobStatus.PENDING, created));
            // The oldest was held back latest, as a busy worker does: it still goes first.
            oldestFirst.add(dispatches.save(new Dispatch(UUID.randomUUID().toString(), job.id(), job.runId(),
                    DispatchStatus.DUE, now.minusSeconds(i), 0, null, created, null, 0L)).id());
        }

        List<String> firstTwo = tx.executeWrite(status -> ids(claims.dueDispatches(now, lease, 2)));
        List<String> last = tx.executeWrite(status -> ids(claims.dueDispatches(now, lease, 2)));

        assertThat(firstTwo).containsExactlyElementsOf(oldestFirst.subList(0, 2));
        assertThat(last).containsExactly(oldestFirst.get(2));
    }

    @Test
    void onlyDueDispatchesWhoseTimeHasComeAreClaimed() {
        Job job = jobs.save(job(JobStatus.PENDING, longAgo));
        Dispatch later = dispatches.save(Dispatch.due(UUID.randomUUID().toString(), job.id(), job.runId(),
                now.plusSeconds(1)));
        for (DispatchStatus end : List.of(DispatchStatus.SENT, DispatchStatus.DONE, DispatchStatus.ABANDONED)) {
            Dispatch other = dispatches.save(Dispatch.due(UUID.randomUUID().toString(), job.id(), job.runId(),
                    longAgo));
            dispatches.update(other.ended(end, null));
        }

        List<String> notYet = tx.executeWrite(status -> ids(claims.dueDispatches(now, lease, 10)));
        List<String> inTime = tx.executeWrite(status -> ids(claims.dueDispatches(now.plusSeconds(1), lease, 10)));

        assertThat(notYet).isEmpty();
        assertThat(inTime).containsExactly(later.id());
    }

    @Test
    void onlyJobsOnAWorkerAreFoundQuiet() {
        Map<JobStatus, Job> quiet = new EnumMap<>(JobStatus.class);
        for (JobStatus status : JobStatus.values()) {
            quiet.put(status, jobs.save(job(status, longAgo)));
        }
        Job stillDue = jobs.save(job(JobStatus.DISPATCHED, longAgo));
        dispatches.save(Dispatch.due(UUID.randomUUID().toString(), stillDue.id(), stillDue.runId(),
                now.plus(Duration.ofHours(1))));

        List<String> found = tx.executeWrite(status -> jobIds(claims.quietJobs(now, hold, cutoff, cutoff, cutoff,
                1000)));

        assertThat(found).containsExactlyInAnyOrder(quiet.get(JobStatus.DISPATCHED).id(),
                quiet.get(JobStatus.GENERATING).id());
    }

    @Test
    void aJobIsQuietBySilenceOrByNoProgressEachAgainstItsOwnCutoff() {
        Job notStarted = jobs.save(job(JobStatus.DISPATCHED, now.minusSeconds(30)));
        Job silent = jobs.save(job(JobStatus.GENERATING, now.minusSeconds(60)));
        Job busyButStuck = jobs.save(new Job(UUID.randomUUID().toString(), "case-stuck", "case-stuck",
                JobStatus.GENERATING, 1, UUID.randomUUID().toString(), null, "h", null, longAgo, longAgo, null, now,
                0, now.minusSeconds(90), 0L));

        List<String> byStart = tx.executeWrite(status -> jobIds(claims.quietJobs(now, hold, now.minusSeconds(20),
                longAgo, longAgo, 10)));
        List<String> bySilence = tx.executeWrite(status -> jobIds(claims.quietJobs(now, hold, longAgo,
                now.minusSeconds(50), longAgo, 10)));
        List<String> byProgress = tx.executeWrite(status -> jobIds(claims.quietJobs(now, hold, longAgo, longAgo,
                now.minusSeconds(80), 10)));

        assertThat(byStart).containsExactly(notStarted.id());
        assertThat(bySilence).containsExactly(silent.id());
        assertThat(byProgress).containsExactly(busyButStuck.id());
    }

    @Test
    void twoRecoveryNodesAtOnceNeverTakeTheSameQuietJob() throws Exception {
        quietJobs(6);

        ClaimRace.Result race = ClaimRace.held(tx,
                limit -> jobIds(claims.quietJobs(now, hold, cutoff, cutoff, cutoff, limit)), 3, 6);

        assertThat(race.first()).hasSize(3);
        assertThat(race.second()).doesNotContainAnyElementsOf(race.first());
        if (aRacingClaimerGetsEveryFreeRow()) {
            assertThat(race.second()).hasSize(3);
        }
    }

    @Test
    void recoveryNodesRacingFreelyTakeEveryQuietJobExactlyOnce() throws Exception {
        List<String> quiet = quietJobs(40);

        List<String> taken = ClaimRace.free(tx,
                limit -> jobIds(claims.quietJobs(now, hold, cutoff, cutoff, cutoff, limit)), 4, 3, quiet.size());

        assertThat(taken).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(quiet);
    }

    @Test
    void aQuietJobClaimIsOneStatementAndReturnsTheRowsNewVersion() {
        Job quiet = jobs.save(job(JobStatus.GENERATING, longAgo));
        statements.clear();

        List<Job> taken = tx.executeWrite(status -> claims.quietJobs(now, hold, cutoff, cutoff, cutoff, 10));

        assertThat(statements.ofThisThread()).singleElement().satisfies(claim ->
                assertThat(claim.sql()).contains("UPDATE jobs", "FOR UPDATE SKIP LOCKED"));
        assertThat(taken).singleElement().satisfies(job -> {
            assertThat(job.version()).isEqualTo(quiet.version() + 1);
            assertThat(job.recoveries()).isEqualTo(quiet.recoveries() + 1);
            assertThat(job.lastActivityAt()).isEqualTo(now);
            assertThat(job.lastProgressAt()).isEqualTo(quiet.lastProgressAt());
        });
        assertThat(jobs.update(taken.get(0).withActivity(now)).version()).isEqualTo(quiet.version() + 2);
        assertThatThrownBy(() -> jobs.update(quiet.withActivity(now))).isInstanceOf(OptimisticLockException.class);
        // Taken in hand, though it is still without progress: the next recovery node to look leaves it alone until
        // the hold is over.
        List<Job> again = tx.executeWrite(status -> claims.quietJobs(now, hold, cutoff, cutoff, cutoff, 10));
        Instant holdOver = hold.plusMillis(1);
        List<Job> afterTheHold = tx.executeWrite(status -> claims.quietJobs(holdOver, holdOver.plusSeconds(60),
                cutoff, cutoff, cutoff, 10));
        assertThat(again).isEmpty();
        assertThat(afterTheHold).extracting(Job::id).containsExactly(quiet.id());
    }

    private List<String> dueDispatches(int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Job job = jobs.save(job(JobStatus.PENDING, longAgo.plusMillis(i)));
            ids.add(dispatches.save(new Dispatch(UUID.randomUUID().toString(), job.id(), job.runId(),
                    DispatchStatus.DUE, longAgo, 0, null, longAgo.plusMillis(i), null, 0L)).id());
        }
        return ids;
    }

    private List<String> quietJobs(int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(jobs.save(job(JobStatus.GENERATING, longAgo.plusMillis(i))).id());
        }
        return ids;
    }

    private static Job job(JobStatus status, Instant lastSeen) {
        String caseId = "case-claims-" + UUID.randomUUID();
        return new Job(UUID.randomUUID().toString(), caseId, status.isTerminal() ? null : caseId, status, 1,
                UUID.randomUUID().toString(), null, "h", null, lastSeen, lastSeen,
                status.isTerminal() ? lastSeen : null, lastSeen, 0, lastSeen, 0L);
    }

    private static List<String> ids(List<Dispatch> claimed) {
        return claimed.stream().map(Dispatch::id).toList();
    }

    private static List<String> jobIds(List<Job> taken) {
        return taken.stream().map(Job::id).toList();
    }
}
