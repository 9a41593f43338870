package dev.darkroom.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.darkroom.job.Job;
import dev.darkroom.job.JobRepository;
import dev.darkroom.job.ImageTaskRepository;
import dev.darkroom.job.JobStatus;
import dev.darkroom.job.TaskCounts;
import dev.darkroom.job.callback.CallbackAttempt;
import dev.darkroom.job.callback.CallbackAttemptRepository;
import dev.darkroom.job.events.EventPayloads;
import dev.darkroom.job.events.JobEvent;
import dev.darkroom.job.events.JobEventRepository;
import dev.darkroom.job.outbox.Dispatch;
import dev.darkroom.job.outbox.DispatchRepository;
import dev.darkroom.problem.ProblemException;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * A job's story, oldest first, from what the database already holds: the job row (created), its event log (status
 * moves, image outcomes, new attempts, the end), each run's dispatch row, and each completion callback attempt. Five
 * reads in one transaction, each through the job's own index; nothing is kept for it.
 */
@Singleton
public class JobTimeline {

    private final JobRepository jobs;
    private final ImageTaskRepository tasks;
    private final JobEventRepository events;
    private final DispatchRepository dispatches;
    private final CallbackAttemptRepository callbackAttempts;
    private final TransactionOperations<Connection> tx;
    private final JsonMapper json;

    public JobTimeline(JobRepository jobs, ImageTaskRepository tasks, JobEventRepository events,
                       DispatchRepository dispatches, CallbackAttemptRepository callbackAttempts,
                       TransactionOperations<Connection> tx, JsonMapper json) {
        this.jobs = jobs;
        this.tasks = tasks;
        this.events = events;
        this.dispatches = dispatches;
        this.callbackAttempts = callbackAttempts;
        this.tx = tx;
        this.json = json;
    }

    /** One moment of the job's story; {@code kind} is one of those docs/api.md lists. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Entry(Instant at, String kind, String detail) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Timeline(String jobId, List<Entry> entries) {
    }

    /**
     * The job's timeline. {@code everything} adds what only the backend and operators see: why a worker could not
     * be reached, what a callback's receiver answered wrong. A player's poll token reads the story without them.
     */
    public Timeline of(String jobId, boolean everything) {
        return tx.executeRead(status -> {
            Job job = jobs.findById(jobId).orElseThrow(() -> ProblemException.notFound("no job " + jobId));
            List<Entry> entries = new ArrayList<>();
            TaskCounts counts = tasks.counts(jobId);
            long images = counts.openCount() + counts.succeededCount() + counts.failedCount();
            entries.add(new Entry(job.createdAt(), "created", images + (images == 1 ? " image" : " images")));
            for (Dispatch dispatch : dispatches.findByJobIdOrderByCreatedAt(jobId)) {
                entries.add(new Entry(dispatch.createdAt(), "dispatch", dispatch(dispatch, everything)));
            }
            for (JobEvent event : events.history(jobId)) {
                Entry entry = event(event);
                if (entry != null) {
                    entries.add(entry);
                }
            }
            for (CallbackAttempt attempt : callbackAttempts.findByJobIdOrderByAttemptedAt(jobId)) {
                entries.add(new Entry(attempt.attemptedAt(), "callback", callback(attempt, everything)));
            }
            // A stable sort: what happened at one instant stays in the order it was read (the job first).
            entries.sort(Comparator.comparing(Entry::at));
            return new Timeline(jobId, entries);
        });
    }

    private static String dispatch(Dispatch dispatch, boolean everything) {
        String tries = dispatch.tries() == 0 ? "" : " after " + dispatch.tries()
                + (dispatch.tries() == 1 ? " failed try" : " failed tries");
        String why = everything && dispatch.lastError() != null ? ": " + dispatch.lastError() : "";
        return "run " + dispatch.runId() + " due; " + switch (dispatch.status()) {
            case DUE -> "not sent yet" + tries + why;
            case SENT -> "sent to a worker" + tries;
            case DONE -> "nothing left to send";
            case ABANDONED -> "not sent" + tries + why;
        };
    }

    private Entry event(JobEvent event) {
        return switch (event.type()) {
            case JobEvent.STATUS -> {
                EventPayloads.Status moved = read(event, EventPayloads.Status.class);
                // An end shows once, as finished, with its counts.
                yield JobStatus.valueOf(moved.status().toUpperCase(Locale.ROOT)).isTerminal() ? null
                        : new Entry(event.createdAt(), "status", moved.status() + ", attempt " + moved.attempt());
            }
            case JobEvent.IMAGE_SUCCEEDED -> {
                EventPayloads.ImageSucceeded image = read(event, EventPayloads.ImageSucceeded.class);
                yield new Entry(event.createdAt(), "image.succeeded", image.imageId()
                        + (image.provider() == null ? "" : " by " + image.provider()));
            }
            case JobEvent.IMAGE_FAILED -> {
                EventPayloads.ImageFailed image = read(event, EventPayloads.ImageFailed.class);
                yield new Entry(event.createdAt(), "image.failed", image.imageId() + ": " + image.code() + ": "
                        + image.message());
            }
            case JobEvent.ATTEMPT -> {
                EventPayloads.Attempt attempt = read(event, EventPayloads.Attempt.class);
                yield new Entry(event.createdAt(), "attempt", "attempt " + attempt.attempt() + ": "
                        + attempt.reason());
            }
            case JobEvent.FINISHED -> {
                EventPayloads.Finished end = read(event, EventPayloads.Finished.class);
                yield new Entry(event.createdAt(), "finished", end.status() + ": " + end.succeeded() + " succeeded, "
                        + end.failed() + " failed" + (end.failureReason() == null ? "" : "; " + end.failureReason()));
            }
            default -> null;
        };
    }

    private static String callback(CallbackAttempt attempt, boolean everything) {
        String answer = attempt.statusCode() != null ? "answered " + attempt.statusCode()
                : "no answer" + (everything && attempt.error() != null ? ": " + attempt.error() : "");
        String next = attempt.nextAttemptAt() == null ? "" : "; next try at " + attempt.nextAttemptAt();
        return answer + " in " + attempt.durationMs() + " ms" + next;
    }

    private <T> T read(JobEvent event, Class<T> type) {
        try {
            return json.readValue(event.data(), type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
