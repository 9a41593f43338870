package dev.darkroom.api;

import dev.darkroom.intake.IntakeProperties;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * Warns at startup when a job the API accepts could make a run larger than a worker takes. The worker does not
 * bound an item's name or description itself (it takes what the API accepted), so the run's body limit is the only
 * bound left there: a run over it is refused with 413 and its job fails. A warning, not a refusal: the largest run
 * assumes every character takes four bytes, which real text seldom does.
 */
@Singleton
@Requires(property = "darkroom.roles.initiator", notEquals = "false")
public class RunSizeCheck {

    private static final Logger LOG = LoggerFactory.getLogger(RunSizeCheck.class);

    /** Bytes per character at worst in UTF-8; JSON escapes ({@code \"}, {@code \n}) take two. */
    static final int BYTES_PER_CHARACTER = 4;
    /** An item's id (64), kind and JSON keys, generously. */
    static final int ITEM_OVERHEAD = 256;
    /** The run's own ids and keys. */
    static final int RUN_OVERHEAD = 1024;

    private final ApiProperties api;
    private final IntakeProperties intake;

    public RunSizeCheck(ApiProperties api, IntakeProperties intake) {
        this.api = api;
        this.intake = intake;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        warning().ifPresent(LOG::warn);
    }

    /** The warning to log, when the largest run could exceed the run body limit. */
    Optional<String> warning() {
        long largest = largestRun(api);
        if (largest <= intake.run()) {
            return Optional.empty();
        }
        return Optional.of("a job the API accepts could make a run of up to " + largest + " bytes, more than "
                + "darkroom.intake.run (" + intake.run() + " bytes), and a worker refuses such a run: its job would "
                + "fail. The run carries darkroom.api.max-items (" + api.maxItems() + ") items of up to "
                + "darkroom.api.max-name-length (" + api.maxNameLength() + ") plus darkroom.api.max-description-length ("
                + api.maxDescriptionLength() + ") characters, at most darkroom.api.max-body-bytes ("
                + api.maxBodyBytes() + ") of text in all. Raise darkroom.intake.run on the workers, or lower those.");
    }

    /**
     * The largest run a job the API accepts can make: its text, at four bytes a character but never more than the
     * create request it came in (serialized again, text takes no more bytes than it did there), and its ids.
     */
    static long largestRun(ApiProperties api) {
        long text = (long) api.maxItems() * (api.maxNameLength() + api.maxDescriptionLength()) * BYTES_PER_CHARACTER;
        return RUN_OVERHEAD + Math.min(text, api.maxBodyBytes()) + (long) api.maxItems() * ITEM_OVERHEAD;
    }
}
