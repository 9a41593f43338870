package dev.darkroom.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A job's end is counted when its transaction commits, and not at all when it rolls back (and is applied again). */
@MicronautTest(transactional = false)
@Property(name = "darkroom.roles.recovery", value = "false")
class JobEndCountedOnCommitTest {

    private static final Instant CREATED = Instant.parse("2026-01-01T10:00:00Z");

    @Inject
    JobMetrics metrics;

    @Inject
    MeterRegistry registry;

    @Inject
    TransactionOperations<Connection> tx;

    @Test
    void anEndIsCountedOnlyOnceItsTransactionCommits() {
        tx.executeWrite(status -> {
            metrics.ended("canceled", CREATED, CREATED.plusSeconds(90));
            assertThat(count()).as("before the commit").isZero();
            status.setRollbackOnly();
            return null;
        });
        assertThat(count()).as("rolled back").isZero();

        tx.executeWrite(status -> {
            metrics.ended("canceled", CREATED, CREATED.plusSeconds(90));
            return null;
        });
        assertThat(count()).as("committed").isEqualTo(1);
        assertThat(registry.get("darkroom.job.duration").tag("status", "canceled").timer().totalTime(
                TimeUnit.SECONDS)).isEqualTo(90);
    }

    private long count() {
        Timer timer = registry.find("darkroom.job.duration").tag("status", "canceled").timer();
        return timer == null ? 0 : timer.count();
    }
}
