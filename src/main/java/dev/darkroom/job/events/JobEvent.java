package dev.darkroom.job.events;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** One row of a job's history: {@code type} names the event, {@code data} is its JSON as a client receives it. */
@MappedEntity("job_events")
public record JobEvent(@Id long id, String jobId, String type, String data, Instant createdAt) {

    public static final String STATUS = "job.status";
    public static final String IMAGE_SUCCEEDED = "image.succeeded";
    public static final String IMAGE_FAILED = "image.failed";
    public static final String FINISHED = "job.finished";
    /** A new attempt: the last run was lost, stalled or could not be sent, and the open images go out again. */
    public static final String ATTEMPT = "job.attempt";

    public boolean ends() {
        return FINISHED.equals(type);
    }
}
