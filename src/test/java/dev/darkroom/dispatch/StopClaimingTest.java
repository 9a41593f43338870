package dev.darkroom.dispatch;

import dev.darkroom.StopRequested;
import dev.darkroom.job.outbox.DispatchRepository;
import dev.darkroom.job.outbox.DispatchStatus;
import dev.darkroom.status.JobView;
import dev.darkroom.support.Cases;
import dev.darkroom.support.Jobs;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A node told to stop (SIGTERM) claims no more runs: what is due stays due, for another node or the restart. The
 * worker is elsewhere, at an address nothing listens on, so a send would use a try.
 */
@MicronautTest(transactional = false)
@Property(name = "darkroom.roles.worker", value = "false")
@Property(name = "darkroom.dispatch.worker-url", value = "http://127.0.0.1:9")
class StopClaimingTest {

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    ApplicationEventPublisher<StopRequested> stop;

    @Inject
    Dispatcher dispatcher;

    @Inject
    DispatchRepository dispatches;

    @Test
    void aStoppingNodeLeavesADueRunDueWithNoTryUsed() {
        stop.publishEvent(new StopRequested());
        Jobs jobs = new Jobs(http);

        JobView job = jobs.create("case-stop-claiming", Cases.body(1, 0));
        dispatcher.dispatchDue();

        assertThat(dispatches.findByJobIdAndStatus(job.jobId(), DispatchStatus.DUE)).singleElement()
                .satisfies(d -> assertThat(d.tries()).isZero());
        assertThat(jobs.get(job.jobId()).status()).isEqualTo("pending");
    }
}
