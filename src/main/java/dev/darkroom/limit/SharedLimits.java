package dev.darkroom.limit;

import io.micronaut.context.annotation.Requires;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledFuture;

/**
 * The limits that hold for the whole cluster: token buckets, in-flight slots and pauses in the PostgreSQL database
 * every node shares. It exists only when the service runs on PostgreSQL, told by the datasource's JDBC URL: with H2
 * there is one node, and its limits stay in memory as they always were, costing no statement.
 *
 * <p>Every method runs its statements on the calling thread, each in a short transaction of its own, never inside
 * the caller's: callers are worker threads and the create path's blocking threads, never Netty's event loop.
 */
@Singleton
@Requires(property = "datasources.default.url", pattern = SharedLimits.POSTGRES_URL)
public class SharedLimits {

    /** The JDBC URLs of PostgreSQL, the one database that several nodes share. */
    public static final String POSTGRES_URL = "jdbc:postgresql:.*";

    private static final Logger LOG = LoggerFactory.getLogger(SharedLimits.class);

    private final SharedBuckets buckets;
    private final SharedSlots slots;
    private final SharedPauses pauses;
    private final Duration slotPollInterval;
    private List<ScheduledFuture<?>> chores = List.of();

    /** One node's view of the shared limits, without the node's chores: as a second worker over the same database. */
    public SharedLimits(DataSource dataSource, Clock clock, LimitProperties properties) {
        // The pool's own connections: bucket4j and these tables commit on their own, whatever the caller's transaction.
        DataSource pool = DelegatingDataSource.unwrapDataSource(dataSource);
        this.buckets = new SharedBuckets(pool, clock);
        this.slots = new SharedSlots(pool, clock, properties.slotLease());
        this.pauses = new SharedPauses(pool);
        this.slotPollInterval = properties.slotPollInterval();
    }

    /** The node's own: its slots are renewed every third of their lease, and idle buckets cleared every minute. */
    @Inject
    public SharedLimits(DataSource dataSource, Clock clock, LimitProperties properties,
                        @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler) {
        this(dataSource, clock, properties);
        Duration renewal = properties.slotLease().dividedBy(3);
        this.chores = List.of(
                scheduler.scheduleWithFixedDelay(renewal, renewal, () -> chore("renewing in-flight slots", slots::renew)),
                scheduler.scheduleWithFixedDelay(Duration.ofMinutes(1), Duration.ofMinutes(1),
                        () -> chore("clearing idle buckets", buckets::clearIdle)));
    }

    public SharedBuckets buckets() {
        return buckets;
    }

    public SharedSlots slots() {
        return slots;
    }

    public SharedPauses pauses() {
        return pauses;
    }

    public Duration slotPollInterval() {
        return slotPollInterval;
    }

    @PreDestroy
    void stop() {
        chores.forEach(chore -> chore.cancel(false));
    }

    private static void chore(String what, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            LOG.warn("{} failed; the next round tries again", what, e);
        }
    }
}
