package dev.darkroom.job;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;

import java.util.Map;

/** The status queries on H2, the database of a single node. */
@MicronautTest
class StatusQueriesOnH2Test extends StatusQueriesContract implements TestPropertyProvider {

    @Override
    public Map<String, String> getProperties() {
        return NO_BACKGROUND_WORK;
    }
}
