package dev.darkroom.run;

/**
 * The bounds of what a signed request may carry, from the columns it ends up in (see the migrations): a value over
 * its bound is refused with 400 naming the field, before it can reach the database and fail there. Counted in
 * UTF-16 units as H2 counts them (PostgreSQL counts code points, never more), so a value fits on both.
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

    public static final String REQUIRED = "is required";
    public static final String TOO_LONG = "must be at most {max} characters";

    private EventBounds() {
    }
}
