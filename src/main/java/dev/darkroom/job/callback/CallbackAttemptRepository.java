package dev.darkroom.job.callback;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface CallbackAttemptRepository extends CrudRepository<CallbackAttempt, String> {

    List<CallbackAttempt> findByJobIdOrderByAttemptedAt(String jobId);
}
