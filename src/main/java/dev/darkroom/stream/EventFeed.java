package dev.darkroom.stream;

import dev.darkroom.job.events.EventsWritten;
import dev.darkroom.job.events.JobEvent;
import dev.darkroom.job.events.JobEventRepository;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * This node's one reader of every node's events. Open streams hold no connection and no thread: every
 * {@code poll-interval} one query reads the rows written since the last read ({@code id > cursor}, by the primary
 * key) and hands each to the streams open on its job; an event committed on this node wakes the reader at once.
 *
 * <p>Ids are taken when a row is inserted, not when it commits, so a row may appear after one with a higher id. The
 * cursor therefore only passes ids it has seen, and waits up to {@code gap-wait} for a missing one before taking
 * it for rolled back; rows above a gap are read again meanwhile, and each stream drops what it already sent.
 */
@Singleton
@Requires(property = "darkroom.roles.status", notEquals = "false")
public class EventFeed implements ApplicationEventListener<EventsWritten> {

    private static final Logger LOG = LoggerFactory.getLogger(EventFeed.class);

    private final JobEventRepository events;
    private final StreamProperties properties;
    private final Clock clock;
    private final Map<String, Set<JobStream>> open = new ConcurrentHashMap<>();
    private final ScheduledExecutorService reader = Executors.newSingleThreadScheduledExecutor(daemon("event-feed"));
    private final AtomicBoolean readQueued = new AtomicBoolean();
    private final TreeSet<Long> seenAboveCursor = new TreeSet<>();
    private long cursor = -1;
    private Instant gapSince;

    public EventFeed(JobEventRepository events, StreamProperties properties, Clock clock,
                     @Value("${micronaut.server.idle-timeout:5m}") Duration idleTimeout) {
        if (properties.heartbeat().compareTo(idleTimeout) >= 0) {
            // The server closes a connection that neither read nor wrote for its idle timeout; a heartbeat resets it.
            LOG.warn("darkroom.stream.heartbeat ({}) is not shorter than micronaut.server.idle-timeout ({}): quiet "
                    + "streams will be cut", properties.heartbeat(), idleTimeout);
        }
        this.events = events;
        this.properties = properties;
        this.clock = clock;
        long poll = properties.pollInterval().toMillis();
        reader.scheduleWithFixedDelay(this::readSafely, 0, poll, TimeUnit.MILLISECONDS);
        long beat = properties.heartbeat().toMillis();
        reader.scheduleWithFixedDelay(this::heartbeat, beat, beat, TimeUnit.MILLISECONDS);
    }

    /** Called before the stream reads its history, so that whatever commits after that read is read here. */
    void add(JobStream stream) {
        open.computeIfAbsent(stream.jobId(), id -> ConcurrentHashMap.newKeySet()).add(stream);
        synchronized (this) {
            if (cursor < 0) {
                // Somewhat behind the newest id: a row whose transaction took its id earlier may not have committed
                // yet, and the gap rule then waits for it. Rows already committed are dropped by each stream.
                cursor = Math.max(0, events.lastId().orElse(0L) - properties.batchSize());
            }
        }
    }

    void remove(JobStream stream) {
        open.computeIfPresent(stream.jobId(), (id, streams) -> {
            streams.remove(stream);
            return streams.isEmpty() ? null : streams;
        });
    }

    /** A commit on this node: read now rather than at the next tick (one queued read serves a burst). */
    @Override
    public void onApplicationEvent(EventsWritten written) {
        if (open.containsKey(written.jobId()) && readQueued.compareAndSet(false, true)) {
            reader.execute(this::readSafely);
        }
    }

    private synchronized void readSafely() {
        readQueued.set(false);
        if (open.isEmpty()) {
            // Nobody listens: no query at all. The next stream to open sets the cursor anew.
            cursor = -1;
            seenAboveCursor.clear();
            gapSince = null;
            return;
        }
        try {
            read();
        } catch (RuntimeException e) {
            LOG.warn("reading new job events failed; the next pass tries again: {}", e.toString());
        }
    }

    private void read() {
        // From the cursor each pass, so rows above a gap are read again until it is filled or given up on.
        long from = cursor;
        List<JobEvent> rows;
        do {
            rows = events.after(from, properties.batchSize());
            for (JobEvent row : rows) {
                deliver(row);
                if (row.id() > cursor) {
                    seenAboveCursor.add(row.id());
                }
                from = row.id();
            }
        } while (rows.size() >= properties.batchSize());
        advanceCursor();
    }

    private void deliver(JobEvent row) {
        Set<JobStream> streams = open.get(row.jobId());
        if (streams != null) {
            streams.forEach(stream -> stream.offer(row));
        }
    }

    private void advanceCursor() {
        while (!seenAboveCursor.isEmpty()) {
            long next = seenAboveCursor.first();
            if (next == cursor + 1) {
                cursor = seenAboveCursor.pollFirst();
                gapSince = null;
                continue;
            }
            Instant now = clock.instant();
            if (gapSince == null) {
                gapSince = now;
            }
            if (now.isBefore(gapSince.plus(properties.gapWait()))) {
                return;
            }
            // Nobody committed that id in time: a rolled-back transaction, or an identity that skipped ahead.
            cursor = next - 1;
            gapSince = null;
        }
    }

    private void heartbeat() {
        open.values().forEach(streams -> streams.forEach(JobStream::heartbeat));
    }

    @PreDestroy
    void stop() {
        reader.shutdownNow();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
