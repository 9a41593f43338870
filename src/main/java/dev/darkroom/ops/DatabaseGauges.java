package dev.darkroom.ops;

import dev.darkroom.job.JobStatus;
import dev.darkroom.metrics.Sampled;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Gauges read from the shared database: {@code darkroom_jobs{status}} for the active statuses,
 * {@code darkroom_jobs_stuck} and {@code darkroom_dispatch_backlog}. Every node has the database, so every node
 * exposes them, and they say the same on each: aggregate with {@code max}, not {@code sum}.
 *
 * <p>Why only the active statuses: counting terminal jobs would read every job kept for the retention period at
 * each scrape, and keeping a counts table in every status move's transaction would make its few rows the one hot
 * spot that every create and every event on every node waits on. Active jobs are what is in flight, found
 * through the status index; how many jobs end, and how, is the count of {@code darkroom_job_duration_seconds}.
 */
@Singleton
public class DatabaseGauges implements Sampled {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseGauges.class);

    /** One reading of every gauge; NaN where it could not be taken. */
    private record Reading(Map<JobStatus, Double> jobs, double stuck, double backlog) {
        static final Reading NONE = new Reading(Map.of(), Double.NaN, Double.NaN);
    }

    private final GaugeQueries queries;
    private final MetricsProperties properties;
    private final Clock clock;
    private final AtomicReference<Reading> last = new AtomicReference<>(Reading.NONE);

    public DatabaseGauges(GaugeQueries queries, MetricsProperties properties, Clock clock, MeterRegistry registry) {
        this.queries = queries;
        this.properties = properties;
        this.clock = clock;
        for (JobStatus status : GaugeQueries.active()) {
            Gauge.builder("darkroom.jobs", last, r -> r.get().jobs().getOrDefault(status, Double.NaN))
                    .description("Jobs in each active status, read from the database")
                    .tag("status", status.wireName())
                    .strongReference(true)
                    .register(registry);
        }
        Gauge.builder("darkroom.jobs.stuck", last, r -> r.get().stuck())
                .description("Jobs generating without progress for darkroom.metrics.stuck-after")
                .strongReference(true)
                .register(registry);
        Gauge.builder("darkroom.dispatch.backlog", last, r -> r.get().backlog())
                .description("Runs waiting to reach a worker (due dispatches, including those backing off)")
                .strongReference(true)
                .register(registry);
    }

    @Override
    public void sample() {
        try {
            Map<JobStatus, Double> jobs = new EnumMap<>(JobStatus.class);
            GaugeQueries.active().forEach(status -> jobs.put(status, 0.0));
            queries.activeJobs().forEach(row -> jobs.put(JobStatus.valueOf(row.status()), (double) row.jobCount()));
            long stuck = queries.stuckJobs(clock.instant().minus(properties.stuckAfter()));
            long backlog = queries.dueDispatches();
            last.set(new Reading(jobs, stuck, backlog));
        } catch (RuntimeException e) {
            LOG.warn("database gauges not read: {}", e.getMessage());
            last.set(Reading.NONE);
        }
    }
}
