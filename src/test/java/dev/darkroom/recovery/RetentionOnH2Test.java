package dev.darkroom.recovery;

import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

import java.sql.Connection;

@MicronautTest(transactional = false)
@Property(name = "statement-log", value = "true")
@Property(name = "darkroom.recovery.retention", value = "30d")
@Property(name = "darkroom.recovery.prune-batch", value = "" + RetentionContract.BATCH)
@Property(name = "darkroom.recovery.interval", value = "1h")
@Property(name = "darkroom.roles.worker", value = "false")
@Property(name = "darkroom.roles.initiator", value = "false")
class RetentionOnH2Test extends RetentionContract {

    @Override
    void beforeExplain(Connection connection) {
        // H2 takes an index for a range whenever one fits.
    }
}
