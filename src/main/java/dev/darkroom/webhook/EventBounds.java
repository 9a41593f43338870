package dev.darkroom.webhook;

import dev.darkroom.StorableText;
import dev.darkroom.problem.Problem;
import io.micronaut.core.annotation.Nullable;

import java.util.List;

/**
 * The bounds of what a signed request may carry, from the columns it ends up in (see the migrations): a value over
 * its bound, or with a character the database refuses ({@link StorableText}), is refused with 400 naming the field,
 * before it can reach the database and fail there.
 */
public final class EventBounds {

    /** {@code webhook_receipts.webhook_id}. */
    public static final int WEBHOOK_ID = 128;
    /** {@code jobs.id}, {@code run_id} everywhere: Darkroom's own UUIDs. */
    public static final int JOB_ID = 36;
    public static final int RUN_ID = 36;
    /** {@code jobs.case_id}, {@code image_tasks.item_id}. */
    public static final int CASE_ID = 64;
    public static final int IMAGE_ID = 64;
    /** {@code image_tasks.provider}, {@code image_tasks.error_code}. */
    public static final int PROVIDER = 32;
    public static final int ERROR_CODE = 64;

    private EventBounds() {
    }

    /**
     * Adds an error when {@code value} is there and not storable, or too long for a column of {@code max}: counted
     * in UTF-16 units as H2 counts them (PostgreSQL counts code points, never more), so it fits on both.
     */
    public static void atMost(List<Problem.FieldError> errors, String field, @Nullable String value, int max) {
        if (value != null && !StorableText.isStorable(value)) {
            errors.add(new Problem.FieldError(field, StorableText.RULE));
        } else if (value != null && value.length() > max) {
            errors.add(new Problem.FieldError(field, "must be at most " + max + " characters"));
        }
    }

    /** Adds an error when {@code value} is there and not storable; for text bounded only by the body's size. */
    public static void storable(List<Problem.FieldError> errors, String field, @Nullable String value) {
        if (value != null && !StorableText.isStorable(value)) {
            errors.add(new Problem.FieldError(field, StorableText.RULE));
        }
    }

    /** Adds an error when {@code value} is missing or blank, or longer than {@code max}. */
    public static void required(List<Problem.FieldError> errors, String field, @Nullable String value, int max) {
        if (value == null || value.isBlank()) {
            errors.add(new Problem.FieldError(field, "is required"));
        } else {
            atMost(errors, field, value, max);
        }
    }
}
