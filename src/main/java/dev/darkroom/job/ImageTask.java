package dev.darkroom.job;

import dev.darkroom.StorableText;
import dev.darkroom.run.ImageKind;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Version;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;

/** One image of a job: what to draw, and what came of it. The bytes live in {@link StoredImage}. */
@MappedEntity("image_tasks")
public record ImageTask(
        @Id String id,
        String jobId,
        String itemId,
        int position,
        ImageKind kind,
        String name,
        String description,
        TaskStatus status,
        @Nullable String runId,
        @Nullable String errorCode,
        @Nullable String errorMessage,
        @Nullable String contentType,
        @Nullable Integer width,
        @Nullable Integer height,
        @Nullable Integer byteSize,
        @Nullable String sha256,
        @Nullable Instant finishedAt,
        @Nullable String provider,
        @Nullable BigDecimal cost,
        @Version Long version) {

    public ImageTask succeeded(String byRun, String type, int w, int h, int size, String sha,
                               @Nullable String madeBy, @Nullable BigDecimal price, Instant now) {
        check(TaskStatus.Move.SUCCEED);
        return new ImageTask(id, jobId, itemId, position, kind, name, description, TaskStatus.SUCCEEDED, byRun,
                null, null, type, w, h, size, sha, now, StorableText.clean(StorableText.fit(madeBy, 32)),
                toCostScale(price), version);
    }

    /**
     * Failed with the worker's word for why. The receiver refuses a signed event whose text would not fit or not be
     * stored; recovery's pull is not signed, so what reaches the row is cut to its column and cleaned here as well.
     */
    public ImageTask failed(@Nullable String byRun, String code, String message, Instant now) {
        check(TaskStatus.Move.FAIL);
        return new ImageTask(id, jobId, itemId, position, kind, name, description, TaskStatus.FAILED, byRun,
                StorableText.clean(StorableText.fit(code, 64)), StorableText.clean(StorableText.fit(message, 1000)),
                null, null, null, null, null, now, null, null, version);
    }

    /** A single write of an image's status is checked against {@link TaskStatus}'s table, as the bulk ones are. */
    private void check(TaskStatus.Move move) {
        if (!status.allows(move)) {
            throw new IllegalStateException("image " + itemId + " of job " + jobId + " cannot "
                    + move.name().toLowerCase() + " from " + status);
        }
    }

    /** The cost column keeps six decimals, whichever path the price came by: more is rounded, not refused. */
    private static @Nullable BigDecimal toCostScale(@Nullable BigDecimal price) {
        return price == null || price.scale() <= 6 ? price : price.setScale(6, RoundingMode.HALF_UP);
    }
}
