package dev.darkroom.ops;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.darkroom.job.JobStatus;
import io.micronaut.context.annotation.Value;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The dashboard's header: jobs per status. The active statuses are counted exactly, by the same query as the
 * {@code darkroom_jobs} gauge (few rows, through the status index); each terminal status only up to a bound
 * ({@code darkroom.ops.count-bound}, 10,000), since its jobs pile up to the retention period and an exact count would
 * read them all on every look.
 */
@Singleton
public class JobCounts {

    private final GaugeQueries queries;
    /** A terminal status with this many jobs is shown as this many or more. */
    private final int bound;

    public JobCounts(GaugeQueries queries, @Value("${darkroom.ops.count-bound:10000}") int bound) {
        this.queries = queries;
        this.bound = Math.max(1, bound);
    }

    /**
     * @param counts  jobs per status, by its wire name, in the order of the states
     * @param bounded the bound of the terminal statuses' counts: a count equal to it means that many or more
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Counts(Map<String, Long> counts, int bounded) {
    }

    public Counts read() {
        Map<JobStatus, Long> found = new LinkedHashMap<>();
        GaugeQueries.active().forEach(status -> found.put(status, 0L));
        queries.activeJobs().forEach(row -> found.put(JobStatus.valueOf(row.status()), row.jobCount()));
        for (JobStatus status : JobStatus.terminal()) {
            found.put(status, queries.countUpTo(status.name(), bound));
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        for (JobStatus status : JobStatus.values()) {
            counts.put(status.wireName(), found.getOrDefault(status, 0L));
        }
        return new Counts(counts, bound);
    }
}
