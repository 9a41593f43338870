package dev.darkroom.recovery;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * @param interval      how often quiet runs are looked for
 * @param startDeadline how long an accepted run may go without {@code run.started} before it is sent again
 * @param runTimeout    how long a started run may go without any event (image, heartbeat) before recovery asks
 *                      its worker for it, and dispatches its open images again if the worker lost it
 * @param stallTimeout  how long a run may go without progress (run started, an image outcome) while its worker
 *                      keeps saying it is running, before it is taken for lost; heartbeats are not progress. Keep
 *                      it above the longest one image can take on the worker: for each provider in the chain,
 *                      {@code (max-retries + 1) × image-timeout + max-retries × max-retry-after} (4 min with
 *                      the defaults), plus time waiting on provider rate limits
 * @param batchSize     jobs handled per check
 * @param retention     age after which terminal jobs, with their images, are deleted
 * @param pruneInterval how often old jobs and webhook receipts are deleted
 * @param pruneBatch    rows (jobs, with everything of theirs) deleted per statement and transaction while pruning,
 *                      so that no prune holds many locks or a long transaction
 */
@ConfigurationProperties("darkroom.recovery")
public record RecoveryProperties(
        @Bindable(defaultValue = "15s") Duration interval,
        @Bindable(defaultValue = "2m") Duration startDeadline,
        @Bindable(defaultValue = "2m") Duration runTimeout,
        @Bindable(defaultValue = "15m") Duration stallTimeout,
        @Bindable(defaultValue = "20") int batchSize,
        @Bindable(defaultValue = "30d") Duration retention,
        @Bindable(defaultValue = "1h") Duration pruneInterval,
        @Bindable(defaultValue = "200") int pruneBatch) {
}
