package dev.darkroom.worker;

import dev.darkroom.run.RunRequest;

import dev.darkroom.provider.GeneratedImage;
import dev.darkroom.run.RunReport;
import dev.darkroom.run.RunReport.State;
import io.micronaut.core.annotation.Nullable;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One run as this worker knows it: its state and the outcomes it holds. An image's bytes are kept until the
 * receiver has them, so that recovery can pull what a lost webhook never delivered.
 */
public final class Run {

    /** What came of one image; {@code image} is dropped once the receiver has it. */
    public record Outcome(String imageId, boolean succeeded, @Nullable GeneratedImage image, @Nullable String sha256,
                          @Nullable String errorCode, @Nullable String errorMessage, @Nullable String provider,
                          @Nullable BigDecimal cost, boolean delivered) {

        Outcome asDelivered() {
            return new Outcome(imageId, succeeded, null, sha256, errorCode, errorMessage, provider, cost, true);
        }
    }

    private final RunRequest request;
    private final Map<String, Outcome> outcomes = new ConcurrentHashMap<>();
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

    public List<Outcome> outcomes() {
        return List.copyOf(outcomes.values());
    }

    public Optional<Outcome> outcome(String imageId) {
        return Optional.ofNullable(outcomes.get(imageId));
    }

    void record(Outcome outcome) {
        outcomes.put(outcome.imageId(), outcome);
    }

    void delivered(String imageId) {
        outcomes.computeIfPresent(imageId, (id, outcome) -> outcome.asDelivered());
    }

    boolean allDelivered() {
        return outcomes.values().stream().allMatch(Outcome::delivered);
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
        List<RunReport.Item> items = outcomes().stream().map(o -> new RunReport.Item(o.imageId(), o.succeeded(),
                o.image() == null ? null : o.image().contentType(), o.image() == null ? null : o.image().width(),
                o.image() == null ? null : o.image().height(), o.sha256(), o.errorCode(), o.errorMessage(),
                o.provider(), o.cost(), o.image() != null)).toList();
        return new RunReport(request.runId(), request.jobId(), state, items);
    }
}
