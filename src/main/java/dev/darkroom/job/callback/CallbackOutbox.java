package dev.darkroom.job.callback;

import dev.darkroom.TimeOrderedIds;
import dev.darkroom.job.Job;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * Writes a job's callback in the job's own transactions: its url when the job is created, its event when the job
 * ends. Written with the end, the event survives any crash that comes after it.
 */
@Singleton
public class CallbackOutbox {

    private final CallbackRepository callbacks;
    private final Clock clock;

    public CallbackOutbox(CallbackRepository callbacks, Clock clock) {
        this.callbacks = callbacks;
        this.clock = clock;
    }

    public void register(String jobId, String url) {
        callbacks.save(Callback.waiting(jobId, url));
    }

    /** Called by every move of a job into an end, inside that move's transaction. */
    public void jobEnded(Job job) {
        callbacks.lock(job.id())
                .ifPresent(callback -> callbacks.update(callback.ended(TimeOrderedIds.next(), clock.instant())));
    }
}
