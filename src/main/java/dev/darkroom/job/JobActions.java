package dev.darkroom.job;

import dev.darkroom.job.outbox.DispatchPlanner;
import dev.darkroom.problem.ProblemException;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.http.HttpStatus;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;

/** What the game backend may do to a job after creating it: try again, or stop it. */
@Singleton
public class JobActions {

    private final JobRepository jobs;
    private final ImageTaskRepository tasks;
    private final JobUpdater updater;
    private final DispatchPlanner planner;
    private final TransactionOperations<Connection> tx;
    private final Clock clock;

    public JobActions(JobRepository jobs, ImageTaskRepository tasks, JobUpdater updater, DispatchPlanner planner,
                      TransactionOperations<Connection> tx, Clock clock) {
        this.jobs = jobs;
        this.tasks = tasks;
        this.updater = updater;
        this.planner = planner;
        this.tx = tx;
        this.clock = clock;
    }

    /** Regenerates only the images that did not succeed, as a fresh run. */
    public Job retry(String jobId) {
        try {
            return tx.executeWrite(status -> {
                Job job = lock(jobId);
                if (!job.status().isTerminal()) {
                    throw conflict("job " + jobId + " is still " + job.status().wireName());
                }
                if (!job.status().canRetry()) {
                    throw conflict("every image of job " + jobId + " already succeeded");
                }
                int reopened = tasks.reopenFailed(jobId);
                Job retried = updater.reopen(job, ": retrying " + reopened + " images");
                planner.plan(retried.id(), retried.runId());
                return retried;
            });
        } catch (DataAccessException e) {
            // The unique index on active_case_id refused the reopening; anything else is not a conflict.
            String caseId = jobs.findById(jobId).map(Job::caseId).orElse(null);
            if (caseId != null && jobs.findByActiveCaseId(caseId).isPresent()) {
                throw conflict("case " + caseId + " already has another active job");
            }
            throw e;
        }
    }

    /** Ends the job as canceled; images not made yet are failed as canceled. The caller stops the run. */
    public Job cancel(String jobId) {
        return tx.executeWrite(status -> {
            Job job = lock(jobId);
            if (job.status() == JobStatus.CANCELED) {
                return job;
            }
            if (job.status().isTerminal()) {
                throw conflict("job " + jobId + " already ended " + job.status().wireName());
            }
            Instant now = clock.instant();
            planner.abandonDue(jobId, "job canceled");
            tasks.failOpen(jobId, "canceled", "the job was canceled", now);
            return updater.moveTo(job, JobStatus.CANCELED);
        });
    }

    private Job lock(String jobId) {
        return jobs.findByIdForUpdate(jobId).orElseThrow(() -> ProblemException.notFound("no job " + jobId));
    }

    private static ProblemException conflict(String detail) {
        return new ProblemException(HttpStatus.CONFLICT, "conflict", detail);
    }
}
