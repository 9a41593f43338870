package dev.darkroom.callback;

import dev.darkroom.job.Job;
import dev.darkroom.job.JobRepository;
import dev.darkroom.job.callback.Callback;
import dev.darkroom.job.callback.CallbackRepository;
import dev.darkroom.problem.ProblemException;
import io.micronaut.http.HttpStatus;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.time.Clock;

/**
 * Sends a job's last event again, on the backend's request: the same webhook-id and body (a backend that already
 * took it can tell), due now, with its retries counted anew. Only an ended job has an event to send.
 */
@Singleton
public class CallbackRedelivery {

    private final JobRepository jobs;
    private final CallbackRepository callbacks;
    private final TransactionOperations<Connection> tx;
    private final Clock clock;

    public CallbackRedelivery(JobRepository jobs, CallbackRepository callbacks, TransactionOperations<Connection> tx,
                              Clock clock) {
        this.jobs = jobs;
        this.callbacks = callbacks;
        this.tx = tx;
        this.clock = clock;
    }

    public void redeliver(String jobId) {
        tx.executeWrite(status -> {
            // The job's lock first, as every writer of the job takes it: an end committing now is waited for.
            Job job = jobs.findByIdForUpdate(jobId).orElseThrow(() -> ProblemException.notFound("no job " + jobId));
            Callback callback = callbacks.lock(jobId)
                    .orElseThrow(() -> ProblemException.notFound("job " + jobId + " has no callback"));
            if (!job.status().isTerminal() || callback.messageId() == null) {
                throw new ProblemException(HttpStatus.CONFLICT, "conflict", "job " + jobId + " is still "
                        + job.status().wireName() + ": its callback goes out when it ends");
            }
            callbacks.update(callback.redeliver(clock.instant()));
            callbacks.touchJob(jobId);
            return null;
        });
    }
}
