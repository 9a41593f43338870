package dev.darkroom.job;

import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

@MicronautTest(transactional = false)
@Property(name = "darkroom.local-generator.fail-ids", value = "ev-2")
class JobEventLogOnH2Test extends JobEventLogContract {
}
