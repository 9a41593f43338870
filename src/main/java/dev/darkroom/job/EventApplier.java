package dev.darkroom.job;

import dev.darkroom.problem.ProblemException;
import dev.darkroom.run.ImageOutcome;
import dev.darkroom.run.RunEvent;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies what a worker said of a run to its job, however it arrived: pushed as a signed webhook, or pulled by
 * recovery from the worker when the webhooks went quiet. Runs inside the caller's transaction, on the job row the
 * caller locked; every change is idempotent (see {@link JobUpdater}).
 */
@Singleton
public class EventApplier {

    private final JobUpdater updater;

    public EventApplier(JobUpdater updater) {
        this.updater = updater;
    }

    /**
     * {@code bytes} are the picture of an {@code image.succeeded}, already decoded and checked against what the
     * event claims; other events have none. An event about an image the job does not have is a 404.
     */
    public Job apply(Job job, RunEvent event, @Nullable byte[] bytes) {
        return event.accept(new RunEvent.Handler<>() {
            @Override
            public Job started(RunEvent.Started started) {
                return updater.runStarted(job, started.runId());
            }

            @Override
            public Job heartbeat(RunEvent.Heartbeat heartbeat) {
                return updater.heartbeat(job, heartbeat.runId());
            }

            @Override
            public Job succeeded(ImageOutcome.Succeeded image) {
                if (bytes == null) {
                    throw new IllegalArgumentException("image " + image.imageId() + " arrived without its bytes");
                }
                return updater.imageSucceeded(job, task(job, image), image, bytes);
            }

            @Override
            public Job failed(ImageOutcome.Failed failure) {
                return updater.imageFailed(job, task(job, failure), failure);
            }

            @Override
            public Job finished(RunEvent.Finished summary) {
                return updater.runFinished(job, summary.runId(), failures(summary.failed()));
            }
        });
    }

    private ImageTask task(Job job, ImageOutcome outcome) {
        return updater.task(job, outcome.imageId()).orElseThrow(() ->
                ProblemException.notFound("job " + job.id() + " has no image " + outcome.imageId()));
    }

    private static Map<String, ImageOutcome.Error> failures(@Nullable List<RunEvent.Finished.Failure> failed) {
        Map<String, ImageOutcome.Error> byImage = new LinkedHashMap<>();
        if (failed != null) {
            failed.forEach(f -> byImage.putIfAbsent(f.imageId(), f.error()));
        }
        return byImage;
    }
}
