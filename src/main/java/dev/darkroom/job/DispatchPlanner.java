package dev.darkroom.job;

import dev.darkroom.job.DispatchRepository;

import dev.darkroom.job.DispatchStatus;

import dev.darkroom.job.Dispatch;

import dev.darkroom.job.ImageTaskRepository;
import dev.darkroom.job.Job;
import dev.darkroom.job.JobRepository;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Writes due dispatches, always inside the transaction that creates the job or its next attempt. */
@Singleton
public class DispatchPlanner {

    private final DispatchRepository dispatches;
    private final JobRepository jobs;
    private final ImageTaskRepository tasks;
    private final Clock clock;

    public DispatchPlanner(DispatchRepository dispatches, JobRepository jobs, ImageTaskRepository tasks, Clock clock) {
        this.dispatches = dispatches;
        this.jobs = jobs;
        this.tasks = tasks;
        this.clock = clock;
    }

    public void planFirst(Job job) {
        dispatches.save(Dispatch.due(UUID.randomUUID().toString(), job.id(), job.runId(), clock.instant()));
    }

    /** The address the worker that accepted this run gave for itself, if it gave one. */
    public Optional<String> workerOf(String runId) {
        return dispatches.findFirstByRunIdAndStatus(runId, DispatchStatus.SENT).map(Dispatch::workerUrl);
    }

    /** Due dispatches of the job will not be sent. */
    public void abandonDue(String jobId, String why) {
        for (Dispatch due : dispatches.lockDueOfJob(jobId)) {
            dispatches.update(due.ended(DispatchStatus.ABANDONED, why));
        }
    }

    /** A new run for the images not done; the old run's events can no longer finish the job. */
    public Job planNextAttempt(Job job) {
        Instant now = clock.instant();
        abandonDue(job.id(), "superseded by attempt " + (job.attempt() + 1));
        Job next = jobs.update(job.withNewAttempt(UUID.randomUUID().toString(), now));
        tasks.reopenGenerating(job.id());
        dispatches.save(Dispatch.due(UUID.randomUUID().toString(), next.id(), next.runId(), now));
        return next;
    }
}
