package dev.darkroom.worker;

import dev.darkroom.Sha256;
import dev.darkroom.StorableText;
import dev.darkroom.provider.GeneratedImage;
import dev.darkroom.provider.ProviderException;
import dev.darkroom.run.ImageOutcome;
import dev.darkroom.run.ImageSpec;
import dev.darkroom.run.RunEvent;
import dev.darkroom.run.RunRequest;
import dev.darkroom.run.WebhookEvent;
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
    private final ConcurrentLinkedQueue<RunEvent.Finished.Failure> failed = new ConcurrentLinkedQueue<>();

    private RunReporter(Run state, WebhookSender sender, Clock clock) {
        this.state = state;
        this.run = state.request();
        this.sender = sender;
        this.clock = clock;
    }

    /** Sent like the image events, without holding up the run: a receiver that is down must not stop the work. */
    void started() {
        synchronized (deliveries) {
            deliveries.add(sender.deliver(event(new RunEvent.Started(run.jobId(), run.runId()))));
        }
    }

    void heartbeat() {
        sender.deliver(event(new RunEvent.Heartbeat(run.jobId(), run.runId())));
    }

    void imageSucceeded(ImageSpec item, GeneratedImage image, String provider, BigDecimal cost) {
        succeeded.add(item.imageId());
        ImageOutcome.Succeeded outcome = new ImageOutcome.Succeeded(run.jobId(), run.runId(),
                seq.incrementAndGet(), item.imageId(), image.contentType(), image.width(), image.height(),
                Sha256.hex(image.data()), Base64.getEncoder().encodeToString(image.data()), provider, cost);
        state.record(outcome, image);
        track(item.imageId(), sender.deliver(event(outcome)));
    }

    void imageFailed(ImageSpec item, ProviderException cause) {
        // A provider's message may quote its answer, control characters and all; the receiver refuses those.
        String message = StorableText.clean(cause.getMessage());
        ImageOutcome.Error error = new ImageOutcome.Error(cause.code(), message, cause.retryable());
        failed.add(new RunEvent.Finished.Failure(item.imageId(), error));
        ImageOutcome.Failed outcome = new ImageOutcome.Failed(run.jobId(), run.runId(), seq.incrementAndGet(),
                item.imageId(), error);
        state.record(outcome);
        track(item.imageId(), sender.deliver(event(outcome)));
    }

    void finished() {
        awaitDeliveries();
        sender.deliverNow(event(new RunEvent.Finished(run.jobId(), run.runId(), List.copyOf(succeeded),
                List.copyOf(failed))));
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

    private WebhookEvent event(RunEvent data) {
        return WebhookEvent.of(data, clock.instant());
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
