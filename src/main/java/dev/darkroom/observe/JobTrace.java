package dev.darkroom.observe;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/** The W3C {@code traceparent} of the request that created a job: its later work joins that trace. */
@MappedEntity("job_traces")
public record JobTrace(@Id String jobId, String traceParent) {
}
