package dev.darkroom.job;

import dev.darkroom.job.events.EventPayloads;
import dev.darkroom.job.events.EventsWritten;
import dev.darkroom.job.events.JobEvent;
import dev.darkroom.job.events.JobEventRepository;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.support.TransactionSynchronization;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.time.Clock;
import java.util.List;

/**
 * Writes a job's history for its live stream, in the transaction of the change each row records: a change rolled
 * back leaves no event, and an event is never missing for a change that committed. Every call runs on the job row
 * its caller locked, so the ids of one job's events follow the order of its commits.
 */
@Singleton
public class JobEvents {

    private final JobEventRepository events;
    private final ImageTaskRepository tasks;
    private final JsonMapper json;
    private final TransactionOperations<Connection> tx;
    private final ApplicationEventPublisher<EventsWritten> written;
    private final Clock clock;

    public JobEvents(JobEventRepository events, ImageTaskRepository tasks, JsonMapper json,
                     TransactionOperations<Connection> tx, ApplicationEventPublisher<EventsWritten> written,
                     Clock clock) {
        this.events = events;
        this.tasks = tasks;
        this.json = json;
        this.tx = tx;
        this.written = written;
        this.clock = clock;
    }

    /** The job's status moved ({@code before} to {@code after}); its end also writes the summary. */
    void moved(Job before, Job after) {
        if (before.status() != after.status()) {
            status(after);
            finishedIfEnded(before, after);
        }
    }

    /** An image's outcome was recorded: the image stored, or the reason it failed. */
    void imageSucceeded(Job job, ImageTask task) {
        append(job, JobEvent.IMAGE_SUCCEEDED, new EventPayloads.ImageSucceeded(job.id(), task.itemId(),
                imageUrl(job.id(), task.itemId()), task.contentType(), orZero(task.width()), orZero(task.height()),
                orZero(task.byteSize()), task.provider()));
    }

    void imageFailed(Job job, ImageTask task) {
        append(job, JobEvent.IMAGE_FAILED, new EventPayloads.ImageFailed(job.id(), task.itemId(), task.errorCode(),
                task.errorMessage()));
    }

    /** The job went on to a new attempt, its last run given up for {@code reason}. */
    void attempt(Job job, String reason) {
        append(job, JobEvent.ATTEMPT, new EventPayloads.Attempt(job.id(), job.attempt(), reason));
    }

    private void status(Job job) {
        TaskCounts counts = tasks.counts(job.id());
        int succeeded = (int) counts.succeededCount();
        int failed = (int) counts.failedCount();
        int open = (int) counts.openCount();
        int total = succeeded + failed + open;
        int percent = total == 0 ? 100 : (succeeded + failed) * 100 / total;
        append(job, JobEvent.STATUS, new EventPayloads.Status(job.id(), job.status().wireName(), job.attempt(), total,
                succeeded, failed, open, percent));
    }

    private void finishedIfEnded(Job before, Job after) {
        if (before.status().isTerminal() || !after.status().isTerminal()) {
            return;
        }
        List<ImageTask> all = tasks.findByJobIdOrderByPosition(after.id());
        List<EventPayloads.Image> images = all.stream().map(task -> image(after, task)).toList();
        int succeeded = (int) all.stream().filter(t -> t.status() == TaskStatus.SUCCEEDED).count();
        int failed = (int) all.stream().filter(t -> t.status() == TaskStatus.FAILED).count();
        append(after, JobEvent.FINISHED, new EventPayloads.Finished(after.id(), after.status().wireName(), all.size(),
                succeeded, failed, after.failureReason(), after.finishedAt(), images));
    }

    private static EventPayloads.Image image(Job job, ImageTask task) {
        boolean stored = task.status() == TaskStatus.SUCCEEDED;
        return new EventPayloads.Image(task.itemId(), task.status().wireName(),
                stored ? imageUrl(job.id(), task.itemId()) : null,
                task.status() == TaskStatus.FAILED ? new EventPayloads.Error(task.errorCode(), task.errorMessage())
                        : null);
    }

    private void append(Job job, String type, Object payload) {
        String data;
        try {
            data = json.writeValueAsString(payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        events.append(job.id(), type, data, clock.instant());
        wakeStreamsAfterCommit(job.id());
    }

    /** This node's open streams hear of the event at once; other nodes find it on their next read of new rows. */
    private void wakeStreamsAfterCommit(String jobId) {
        EventsWritten event = new EventsWritten(jobId);
        tx.findTransactionStatus().ifPresentOrElse(transaction -> transaction.registerSynchronization(
                new TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        written.publishEvent(event);
                    }
                }), () -> written.publishEvent(event));
    }

    private static String imageUrl(String jobId, String imageId) {
        return "/v1/jobs/" + jobId + "/images/" + imageId;
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }
}
