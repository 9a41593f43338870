package dev.darkroom.status;

import dev.darkroom.job.ImageTask;
import dev.darkroom.job.Job;
import dev.darkroom.job.callback.Callback;
import dev.darkroom.job.callback.CallbackAttempt;
import io.micronaut.core.annotation.Nullable;

import java.util.List;

/** A job, its image tasks and its callback with the attempts so far, as one read saw them: a view never mixes moments. */
public record JobSnapshot(Job job, List<ImageTask> tasks, @Nullable Callback callback,
                          List<CallbackAttempt> callbackAttempts) {

    public JobSnapshot(Job job, List<ImageTask> tasks) {
        this(job, tasks, null, List.of());
    }
}
