package dev.darkroom.joblist;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * One page of the jobs list, newest first; {@code next} is the cursor of the page after it, null on the last.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record JobListPage(List<Row> jobs, @Nullable String next) {

    /**
     * One job as the list shows it.
     *
     * @param pending    the images not done yet (pending or generating)
     * @param providers  the providers that made its stored images
     * @param durationMs from creation to the end; null while the job is active
     * @param cost       what its stored images cost
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Row(String jobId, String caseId, String status, int succeeded, int failed, int pending,
                      List<String> providers, Instant createdAt, @Nullable Instant finishedAt,
                      @Nullable Long durationMs, BigDecimal cost) {
    }
}
