package dev.darkroom.job;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import org.junit.jupiter.api.TestInstance;

import java.util.Map;

/** The claims on H2, the database of a single node. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClaimsOnH2Test extends ClaimsContract implements TestPropertyProvider {

    @Override
    boolean aRacingClaimerGetsEveryFreeRow() {
        return false;
    }

    @Override
    public Map<String, String> getProperties() {
        return SETTINGS;
    }
}
