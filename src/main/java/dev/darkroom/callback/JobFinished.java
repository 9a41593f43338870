package dev.darkroom.callback;

import dev.darkroom.status.JobView;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The one event a callback carries, in Standard Webhooks' envelope: {@code type}, {@code timestamp} (when the job
 * ended) and {@code data}, the job's summary.
 */
@Serdeable
public record JobFinished(String type, Instant timestamp, Data data) {

    public static final String TYPE = "job.finished";

    @Serdeable
    public record Data(String jobId, String caseId, String status, JobView.Counts counts, List<Image> images,
                       BigDecimal costEstimate, @Nullable String failureReason, @Nullable Instant finishedAt) {
    }

    /** One picture: its URL (relative to Darkroom's base URL) when it was made, its error when not. */
    @Serdeable
    public record Image(String id, String status, @Nullable String url, @Nullable JobView.ErrorView error) {
    }

    public static JobFinished of(JobView view, Instant endedAt) {
        List<Image> images = view.images().stream()
                .map(image -> new Image(image.id(), image.status(), image.url(), image.error())).toList();
        return new JobFinished(TYPE, endedAt, new Data(view.jobId(), view.caseId(), view.status(), view.counts(),
                images, view.costEstimate(), view.failureReason(), view.finishedAt()));
    }
}
