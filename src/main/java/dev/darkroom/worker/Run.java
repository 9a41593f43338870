package dev.darkroom.worker;

import dev.darkroom.provider.GeneratedImage;
import dev.darkroom.run.ImageOutcome;
import dev.darkroom.run.RunReport.State;
import dev.darkroom.run.RunReport;
import dev.darkroom.run.RunRequest;
import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One run as this worker knows it: its state and the outcomes it holds. An image's bytes are kept until the
 * receiver has them, so that recovery can pull what a lost webhook never delivered.
 */
public final class Run {

    private final RunRequest request;
    /** What came of each image, as its event told it, without bytes. */
    private final Map<String, ImageOutcome> outcomes = new ConcurrentHashMap<>();
    /** The bytes of images whose event has not reached the receiver yet. */
    private final Map<String, GeneratedImage> held = new ConcurrentHashMap<>();
    private final Set<String> delivered = ConcurrentHashMap.newKeySet();
    private final RunToken token = new RunToken();
    private volatile State state = State.RUNNING;
    private volatile Instant endedAt;

    Run(RunRequest request) {
        this.request = request;
    }

    public RunRequest request() {
        return request;
    }

    public State state() {
        return state;
    }

    public boolean canceled() {
        return state == State.CANCELED;
    }

    @Nullable
    public Instant endedAt() {
        return endedAt;
    }

    public List<ImageOutcome> outcomes() {
        return List.copyOf(outcomes.values());
    }

    /** The bytes of an image made in this run whose event the receiver does not have yet. */
    public Optional<GeneratedImage> heldImage(String imageId) {
        return Optional.ofNullable(held.get(imageId));
    }

    /** Keeps a success without its base64, and its bytes until the receiver has them. */
    void record(ImageOutcome.Succeeded outcome, GeneratedImage image) {
        held.put(outcome.imageId(), image);
        outcomes.put(outcome.imageId(), outcome.withoutData());
    }

    void record(ImageOutcome.Failed outcome) {
        outcomes.put(outcome.imageId(), outcome);
    }

    void delivered(String imageId) {
        delivered.add(imageId);
        held.remove(imageId);
    }

    boolean allDelivered() {
        return delivered.containsAll(outcomes.keySet());
    }

    void finish() {
        if (state == State.RUNNING) {
            state = State.FINISHED;
        }
        endedAt = Instant.now();
    }

    /** The run's one stop signal: its cancel, this worker's shutdown and its drain all go through it. */
    RunToken token() {
        return token;
    }

    /** Stops the run for good: threads waiting on a provider, a rate limit or a backoff are interrupted. */
    void cancel() {
        state = State.CANCELED;
        endedAt = Instant.now();
        token.stop();
    }

    /** What this worker holds of the run, as recovery reads it. */
    RunReport report() {
        List<ImageOutcome> all = outcomes();
        List<ImageOutcome.Succeeded> succeeded = all.stream().filter(ImageOutcome.Succeeded.class::isInstance)
                .map(ImageOutcome.Succeeded.class::cast).toList();
        List<ImageOutcome.Failed> failed = all.stream().filter(ImageOutcome.Failed.class::isInstance)
                .map(ImageOutcome.Failed.class::cast).toList();
        return new RunReport(request.runId(), request.jobId(), state, succeeded, failed, List.copyOf(held.keySet()));
    }
}
