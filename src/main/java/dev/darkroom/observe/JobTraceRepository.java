package dev.darkroom.observe;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface JobTraceRepository extends GenericRepository<JobTrace, String> {

    JobTrace save(JobTrace trace);

    Optional<JobTrace> findById(String jobId);
}
