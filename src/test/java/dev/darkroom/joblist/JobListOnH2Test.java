package dev.darkroom.joblist;

import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import org.junit.jupiter.api.TestInstance;

import java.sql.Connection;
import java.util.Map;

/** The jobs list on H2, the database of a single node. */
@MicronautTest(transactional = false)
@Property(name = "statement-log", value = "true")
// PER_CLASS: the test instance provides the properties, so it must exist before the context.
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JobListOnH2Test extends JobListContract implements TestPropertyProvider {

    @Override
    public Map<String, String> getProperties() {
        return SETTINGS;
    }

    @Override
    String explain(Connection connection, JobListQueries.Sql sql) throws Exception {
        return planOf(connection, "EXPLAIN ", sql);
    }
}
