package dev.darkroom.stream;

import dev.darkroom.job.JobRepository;
import dev.darkroom.job.events.JobEvent;
import dev.darkroom.job.events.JobEventRepository;
import dev.darkroom.problem.ProblemException;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.sse.Event;
import jakarta.inject.Singleton;
import reactor.core.publisher.Flux;

import java.util.List;
import java.util.Optional;

/** Opens a job's stream: its history from the database, then what {@link EventFeed} reads as it is written. */
@Singleton
@Requires(property = "darkroom.roles.status", notEquals = "false")
public class EventStreams {

    private final JobRepository jobs;
    private final JobEventRepository events;
    private final EventFeed feed;
    private final StreamProperties properties;

    public EventStreams(JobRepository jobs, JobEventRepository events, EventFeed feed, StreamProperties properties) {
        this.jobs = jobs;
        this.events = events;
        this.feed = feed;
        this.properties = properties;
    }

    /**
     * Blocks for two reads (the job, its history); the stream it returns holds nothing while idle. It is open to the
     * feed before the history is read, so an event committed in between is neither lost nor sent twice.
     */
    public Optional<Flux<Event<String>>> open(String jobId, @Nullable String lastEventId) {
        if (jobs.findVersionById(jobId).isEmpty()) {
            throw ProblemException.notFound("no job " + jobId);
        }
        if (lastEventId != null && resumesAfterTheEnd(jobId, parse(lastEventId))) {
            return Optional.empty();
        }
        JobStream stream = new JobStream(jobId, properties.retry());
        feed.add(stream);
        try {
            stream.start(events.history(jobId), parse(lastEventId));
        } catch (RuntimeException e) {
            feed.remove(stream);
            throw e;
        }
        return Optional.of(stream.events().doFinally(signal -> feed.remove(stream)));
    }

    /** A client that already has the job's end (a browser reconnects on its own when a stream closes). */
    private boolean resumesAfterTheEnd(String jobId, long resumeAfter) {
        List<JobEvent> history = events.history(jobId);
        return !history.isEmpty() && history.get(history.size() - 1).id() == resumeAfter
                && history.get(history.size() - 1).ends();
    }

    /** Anything that is not one of the job's ids starts from the beginning, as an unknown id does. */
    private static long parse(@Nullable String lastEventId) {
        if (lastEventId == null) {
            return 0;
        }
        try {
            return Long.parseLong(lastEventId.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
