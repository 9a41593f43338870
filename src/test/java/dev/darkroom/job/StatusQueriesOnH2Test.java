package dev.darkroom.job;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import org.junit.jupiter.api.TestInstance;

import java.util.Map;

/**
 * The status queries on H2, the database of a single node. Micronaut reads a test's properties from its provider only
 * with one instance per class; without it the dispatcher and recovery would run beside the queries under test.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatusQueriesOnH2Test extends StatusQueriesContract implements TestPropertyProvider {

    @Override
    public Map<String, String> getProperties() {
        return NO_BACKGROUND_WORK;
    }
}
