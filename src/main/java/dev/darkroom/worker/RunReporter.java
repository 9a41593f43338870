package dev.darkroom.worker;

import dev.darkroom.run.ImageSpec;

import dev.darkroom.run.RunRequest;

import dev.darkroom.Sha256;
import dev.darkroom.StorableText;
import dev.darkroom.provider.GeneratedImage;
import dev.darkroom.provider.ProviderException;
import dev.darkroom.run.WebhookEvent;
import dev.darkroom.worker.WebhookSender;
import jakarta.inject.Singleton;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Turns one run's outcomes into webhook events. Image events go out as they happen, in parallel; the summary
 * waits until every one of them has been delivered or given up on, so it is the last word of the run.
 */
public final class RunReporter {

    private final Run state;
    private final RunRequest run;
    private final WebhookSender sender;
    private final Clock clock;
    private final AtomicInteger seq = new AtomicInteger();
    private final List<CompletableFuture<Boolean>> deliveries = new ArrayList<>();
    private final ConcurrentLinkedQueue<String> succeeded = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<WebhookEvent.FailedImage> failed = new ConcurrentLinkedQueue<>();

    private RunReporter(Run state, WebhookSender sender, Clock clock) {
        this.state = state;
        this.run = state.request();
        this.sender = sender;
        this.clock = clock;
    }

    /** Sent like the image events, without holding up the run: a receiver that is down must not stop the work. */
    void started() {
        synchronized (deliveries) {
            deliveries.add(sender.deliver(event(WebhookEvent.RUN_STARTED,
                    WebhookEvent.Data.run(run.jobId(), run.runId()))));
        }
    }

    void heartbeat() {
        sender.deliver(event(WebhookEvent.RUN_HEARTBEAT, WebhookEvent.Data.run(run.jobId(), run.runId())));
    }

    void imageSucceeded(ImageSpec item, GeneratedImage image, String provider, BigDecimal cost) {
        succeeded.add(item.imageId());
        String sha256 = Sha256.hex(image.data());
        state.record(new Run.Outcome(item.imageId(), true, image, sha256, null, null, provider, cost, false));
        WebhookEvent.Data data = new WebhookEvent.Data(run.jobId(), run.runId(), seq.incrementAndGet(),
                item.imageId(), image.contentType(), image.width(), image.height(), sha256,
                Base64.getEncoder().encodeToString(image.data()), null, null, null, provider, cost);
        track(item.imageId(), sender.deliver(event(WebhookEvent.IMAGE_SUCCEEDED, data)));
    }

    void imageFailed(ImageSpec item, ProviderException cause) {
        // A provider's message may quote its answer, control characters and all; the receiver refuses those.
        String message = StorableText.clean(cause.getMessage());
        WebhookEvent.Error error = new WebhookEvent.Error(cause.code(), message, cause.retryable());
        failed.add(new WebhookEvent.FailedImage(item.imageId(), error));
        state.record(new Run.Outcome(item.imageId(), false, null, null, cause.code(), message, null, null,
                false));
        WebhookEvent.Data data = new WebhookEvent.Data(run.jobId(), run.runId(), seq.incrementAndGet(),
                item.imageId(), null, null, null, null, null, error, null, null);
        track(item.imageId(), sender.deliver(event(WebhookEvent.IMAGE_FAILED, data)));
    }

    void finished() {
        awaitDeliveries();
        WebhookEvent.Data data = new WebhookEvent.Data(run.jobId(), run.runId(), null, null, null, null, null, null,
                null, null, List.copyOf(succeeded), List.copyOf(failed));
        sender.deliverNow(event(WebhookEvent.RUN_FINISHED, data));
    }

    /** Waits until every event sent so far was delivered or given up on. */
    void awaitDeliveries() {
        List<CompletableFuture<Boolean>> pending;
        synchronized (deliveries) {
            pending = List.copyOf(deliveries);
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
    }

    /** Once the receiver has an outcome, the bytes need not be kept for recovery any more. */
    private void track(String imageId, CompletableFuture<Boolean> delivery) {
        delivery.thenAccept(delivered -> {
            if (delivered) {
                state.delivered(imageId);
            }
        });
        synchronized (deliveries) {
            deliveries.add(delivery);
        }
    }

    private WebhookEvent event(String type, WebhookEvent.Data data) {
        return new WebhookEvent(type, clock.instant(), data);
    }

    /** Makes reporters wired to this worker's sender. */
    @Singleton
    public static class Factory {
        private final WebhookSender sender;
        private final Clock clock;

        public Factory(WebhookSender sender, Clock clock) {
            this.sender = sender;
            this.clock = clock;
        }

        RunReporter forRun(Run run) {
            return new RunReporter(run, sender, clock);
        }
    }
}
