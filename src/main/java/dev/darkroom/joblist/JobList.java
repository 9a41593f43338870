package dev.darkroom.joblist;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Pages of jobs, newest first, for operators and the game backend. A page costs two statements whatever the number
 * of jobs: the page's rows through an index range (one more row than the page, to know whether another follows),
 * and the counts of those jobs' images. Nothing counts all the jobs.
 */
@Singleton
public class JobList {

    private final JobListQueries queries;

    JobList(JobListQueries queries) {
        this.queries = queries;
    }

    /** The page the parameters ask for; a wrong one is a 400 problem naming it. */
    public JobListPage page(@Nullable List<String> status, @Nullable String casePrefix, @Nullable String after,
                            @Nullable String limit) {
        ListFilter filter = ListFilter.parse(status, casePrefix, after, limit);
        return queries.read(filter, filter.limit() + 1, (found, images) -> {
            boolean more = found.size() > filter.limit();
            List<JobListQueries.Found> shown = more ? found.subList(0, filter.limit()) : found;
            List<JobListPage.Row> rows = new ArrayList<>(shown.size());
            for (JobListQueries.Found job : shown) {
                rows.add(row(job, images));
            }
            JobListQueries.Found last = shown.isEmpty() ? null : shown.get(shown.size() - 1);
            return new JobListPage(rows, more ? new ListCursor(last.createdAt(), last.id()).encode() : null);
        });
    }

    private static JobListPage.Row row(JobListQueries.Found job, Map<String, JobListQueries.Images> images) {
        JobListQueries.Images of = images.getOrDefault(job.id(), JobListQueries.Images.none());
        Long duration = job.finishedAt() == null ? null
                : Duration.between(job.createdAt(), job.finishedAt()).toMillis();
        return new JobListPage.Row(job.id(), job.caseId(), job.status().wireName(), of.succeeded(), of.failed(),
                of.pending(), List.copyOf(of.providers()), job.createdAt(), job.finishedAt(), duration,
                plain(of.cost()));
    }

    /** As the job's view writes a cost: no trailing zeros, no exponent. */
    private static BigDecimal plain(BigDecimal cost) {
        BigDecimal stripped = cost.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
