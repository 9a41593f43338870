package dev.darkroom.stream;

import dev.darkroom.job.events.JobEvent;
import io.micronaut.http.sse.Event;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One client's open stream of one job. Rows may reach it twice (its history read and the node's poller overlap,
 * and the poller reads again above a gap): it sends each id once and in order, which is safe because a job's ids
 * follow its commits. Every emission is synchronized: the poller, the heartbeat and the opening request each emit
 * from their own thread.
 */
final class JobStream {

    private final String jobId;
    private final Sinks.Many<Event<String>> sink = Sinks.many().unicast().onBackpressureBuffer();
    private final List<JobEvent> arrivedBeforeStart = new ArrayList<>();
    private final Duration retry;
    private boolean started;
    private boolean ended;
    private long lastSent;

    JobStream(String jobId, Duration retry) {
        this.jobId = jobId;
        this.retry = retry;
    }

    String jobId() {
        return jobId;
    }

    Flux<Event<String>> events() {
        return sink.asFlux();
    }

    /**
     * Sends the history after {@code resumeAfter} (all of it if that id is not one of this job's), then what arrived
     * while it was read. A history that ends with the job's end closes the stream at once.
     */
    synchronized void start(List<JobEvent> history, long resumeAfter) {
        boolean known = history.stream().anyMatch(event -> event.id() == resumeAfter);
        lastSent = known ? resumeAfter : 0;
        // The first thing a client reads: how long to wait before reconnecting, should the connection drop.
        sink.tryEmitNext(Event.of("").comment("job " + jobId).retry(retry));
        started = true;
        history.forEach(event -> send(event, false));
        if (!ended && !history.isEmpty() && history.get(history.size() - 1).ends()) {
            end();
        }
        arrivedBeforeStart.forEach(event -> send(event, true));
        arrivedBeforeStart.clear();
    }

    synchronized void offer(JobEvent event) {
        if (!started) {
            arrivedBeforeStart.add(event);
        } else {
            send(event, true);
        }
    }

    synchronized void heartbeat() {
        if (started && !ended) {
            sink.tryEmitNext(Event.of("").comment("keep-alive"));
        }
    }

    /** A retried job has ended before: an end read back in its history does not close the stream. */
    private void send(JobEvent event, boolean live) {
        if (ended || event.id() <= lastSent) {
            return;
        }
        lastSent = event.id();
        sink.tryEmitNext(Event.of(event.data()).id(Long.toString(event.id())).name(event.type()));
        if (live && event.ends()) {
            end();
        }
    }

    private void end() {
        ended = true;
        sink.tryEmitComplete();
    }
}
