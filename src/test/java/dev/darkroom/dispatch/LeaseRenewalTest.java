package dev.darkroom.dispatch;

import dev.darkroom.job.Claims;
import dev.darkroom.job.ImageTaskRepository;
import dev.darkroom.job.JobRepository;
import dev.darkroom.job.JobService;
import dev.darkroom.job.JobUpdater;
import dev.darkroom.job.outbox.Dispatch;
import dev.darkroom.job.outbox.DispatchProperties;
import dev.darkroom.job.outbox.DispatchRepository;
import dev.darkroom.observe.JobTraces;
import dev.darkroom.run.ImageKind;
import dev.darkroom.run.ImageSpec;
import dev.darkroom.support.MockServers;
import io.micronaut.context.annotation.Property;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.mockserver.integration.ClientAndServer;
import org.mockserver.model.Delay;

import java.io.IOException;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockserver.model.HttpRequest.request;
import static org.mockserver.model.HttpResponse.response;

/**
 * A dispatcher sends the runs it claimed one after another, each up to its worker's answer time. The lease of a run
 * still waiting its turn is renewed right before it is sent: a run whose lease ran out and that another node took
 * meanwhile is left to that node, never sent twice.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Property(name = "darkroom.roles.initiator", value = "false") // the test runs the one dispatcher itself
class LeaseRenewalTest implements TestPropertyProvider {

    static final Duration SEND = Duration.ofSeconds(2);
    // Longer than one send, so a run in flight keeps its lease; shorter than two, so the last run waits past it.
    static final Duration LEASE = Duration.ofMillis(3500);

    final ClientAndServer worker = MockServers.start();

    @Inject
    JobTraces traces;

    @Inject
    JobService jobService;

    @Inject
    JobRepository jobs;

    @Inject
    ImageTaskRepository tasks;

    @Inject
    JobUpdater updater;

    @Inject
    WorkerClient workerClient;

    @Inject
    DispatchRepository dispatches;

    @Inject
    Claims claims;

    @Inject
    TransactionOperations<Connection> tx;

    @Inject
    Clock clock;

    @Inject
    JsonMapper json;

    @Inject
    @Named(TaskExecutors.BLOCKING)
    ExecutorService executor;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("darkroom.dispatch.worker-url", MockServers.url(worker));
    }

    @AfterAll
    void stop() {
        worker.stop();
    }

    @Test
    void aRunWhoseLeaseRanOutWhileItWaitedItsTurnIsLeftToTheNodeThatTookIt() throws Exception {
        worker.when(request().withMethod("POST").withPath("/internal/runs"))
                .respond(response().withStatusCode(202).withBody("{}").withDelay(Delay.milliseconds(SEND.toMillis())));
        List<String> runs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            runs.add(jobService.submit("case-lease-" + i, List.of(new ImageSpec("ev-1", ImageKind.EVIDENCE,
                    "Letter", "A letter")), null, "h" + i).job().runId());
        }
        DispatchProperties properties = new DispatchProperties(null, Duration.ofHours(1), 10, LEASE, 10,
                Duration.ofMillis(50), Duration.ofMillis(500), 3, Duration.ofSeconds(5), Duration.ofSeconds(60), true);
        Dispatcher dispatcher = new Dispatcher(dispatches, claims, jobs, tasks, updater, workerClient,
                new WorkerCapacity(properties, clock, Optional.empty()), tx, properties, clock, executor, traces);

        CompletableFuture<Void> pass = CompletableFuture.runAsync(dispatcher::dispatchDue);
        // The third run's batch lease ends while the first two are still being sent: another node takes it.
        List<String> takenByAnotherNode = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(this::claimAsAnotherNode, taken -> !taken.isEmpty());
        pass.get(30, TimeUnit.SECONDS);

        // The last run's lease surely ran out before its turn; on a slow machine the second's may have too. Whatever
        // the other node took, this one never sent, and every run went to exactly one of them.
        List<String> sent = sentRunIds();
        assertThat(takenByAnotherNode).contains(runs.get(2));
        assertThat(sent).contains(runs.get(0)).doesNotContainAnyElementsOf(takenByAnotherNode);
        assertThat(concat(sent, takenByAnotherNode)).containsExactlyInAnyOrderElementsOf(runs);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private List<String> claimAsAnotherNode() {
        return tx.executeWrite(status -> {
            Instant now = clock.instant();
            return claims.dueDispatches(now, now.plus(Duration.ofHours(1)), 10).stream()
                    .map(Dispatch::runId)
                    .toList();
        });
    }

    private List<String> sentRunIds() throws IOException {
        List<String> ids = new ArrayList<>();
        for (var sent : worker.retrieveRecordedRequests(request().withMethod("POST").withPath("/internal/runs"))) {
            ids.add(json.readValue(sent.getBodyAsRawBytes(), JsonNode.class).get("runId").getStringValue());
        }
        return ids;
    }
}
