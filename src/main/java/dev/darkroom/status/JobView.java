package dev.darkroom.status;

import dev.darkroom.job.ImageTask;
import dev.darkroom.job.Job;
import dev.darkroom.job.TaskStatus;
import dev.darkroom.job.callback.Callback;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** What clients poll: the job, its progress, and each image with its URL or its error. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record JobView(String jobId, String caseId, String status, int attempt, Counts counts, int percent,
                      List<ImageView> images, Instant createdAt, @Nullable Instant startedAt,
                      @Nullable Instant finishedAt, @Nullable String failureReason, BigDecimal costEstimate,
                      @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable CallbackView callback,
                      @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Integer queuePosition,
                      @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Instant waitingSince,
                      @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String pollToken) {

    /** The view with the job's poll token, given once: to the caller that created the job. */
    public JobView withPollToken(String token) {
        return new JobView(jobId, caseId, status, attempt, counts, percent, images, createdAt, startedAt, finishedAt,
                failureReason, costEstimate, callback, queuePosition, waitingSince, token);
    }

    /** The view of a job waiting for a worker, with where its run stands among the due ones. */
    public JobView withQueue(@Nullable Integer position, Instant since) {
        return new JobView(jobId, caseId, status, attempt, counts, percent, images, createdAt, startedAt, finishedAt,
                failureReason, costEstimate, callback, position, since, pollToken);
    }

    @Serdeable
    public record Counts(int total, int succeeded, int failed, int pending) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ImageView(String id, String kind, String name, String status, @Nullable String url,
                            @Nullable String contentType, @Nullable Integer width, @Nullable Integer height,
                            @Nullable ErrorView error, @Nullable Instant finishedAt, @Nullable String provider) {
    }

    @Serdeable
    public record ErrorView(String code, String message) {
    }

    /** The job's completion callback: where it goes, where it stands, and every attempt so far. */
    @Serdeable
    public record CallbackView(String url, String status, List<CallbackAttemptView> attempts) {
    }

    /** One attempt: no status code when no answer came, then {@code error} says why; no next try when it was the last. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CallbackAttemptView(Instant at, @Nullable Integer statusCode, @Nullable String error,
                                      long durationMs, @Nullable Instant nextAttemptAt) {
    }

    public static JobView of(JobSnapshot snapshot) {
        JobView view = of(snapshot.job(), snapshot.tasks());
        Callback callback = snapshot.callback();
        if (callback == null) {
            return view;
        }
        CallbackView callbackView = new CallbackView(callback.url(), callback.status().wireName(),
                snapshot.callbackAttempts().stream().map(a -> new CallbackAttemptView(a.attemptedAt(),
                        a.statusCode(), a.error(), a.durationMs(), a.nextAttemptAt())).toList());
        return new JobView(view.jobId, view.caseId, view.status, view.attempt, view.counts, view.percent, view.images,
                view.createdAt, view.startedAt, view.finishedAt, view.failureReason, view.costEstimate, callbackView,
                null, null, null);
    }

    public static JobView of(Job job, List<ImageTask> tasks) {
        int succeeded = (int) tasks.stream().filter(t -> t.status() == TaskStatus.SUCCEEDED).count();
        int failed = (int) tasks.stream().filter(t -> t.status() == TaskStatus.FAILED).count();
        int total = tasks.size();
        int percent = total == 0 ? 100 : (succeeded + failed) * 100 / total;
        List<ImageView> images = tasks.stream().map(t -> image(job, t)).toList();
        return new JobView(job.id(), job.caseId(), job.status().wireName(), job.attempt(),
                new Counts(total, succeeded, failed, total - succeeded - failed), percent, images, job.createdAt(),
                job.startedAt(), job.finishedAt(), job.failureReason(), costOf(tasks), null, null, null, null);
    }

    /** What the stored images cost, at the prices their providers had when they were made. */
    private static BigDecimal costOf(List<ImageTask> tasks) {
        BigDecimal sum = tasks.stream()
                .filter(t -> t.status() == TaskStatus.SUCCEEDED && t.cost() != null)
                .map(ImageTask::cost)
                .reduce(BigDecimal.ZERO, BigDecimal::add)
                .stripTrailingZeros();
        return sum.scale() < 0 ? sum.setScale(0) : sum;
    }

    private static String imageUrl(String jobId, String imageId) {
        return "/v1/jobs/" + jobId + "/images/" + imageId;
    }

    private static ImageView image(Job job, ImageTask task) {
        boolean stored = task.status() == TaskStatus.SUCCEEDED;
        ErrorView error = task.status() == TaskStatus.FAILED
                ? new ErrorView(task.errorCode(), task.errorMessage()) : null;
        return new ImageView(task.itemId(), task.kind().name().toLowerCase(), task.name(), task.status().wireName(),
                stored ? imageUrl(job.id(), task.itemId()) : null, stored ? task.contentType() : null,
                stored ? task.width() : null, stored ? task.height() : null, error, task.finishedAt(),
                stored ? task.provider() : null);
    }
}
