package dev.darkroom;

import dev.darkroom.status.JobView;
import dev.darkroom.support.DarkroomApi;
import dev.darkroom.support.DarkroomProcess;
import dev.darkroom.support.JarProcesses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Orchestrator and worker as two processes: the orchestrator, which receives the worker's webhooks, is killed with
 * SIGKILL while the worker generates, stays down for 30 seconds and comes back on the same address and database.
 * The worker keeps retrying its events, so every image arrives once the receiver is back, from the one run.
 */
class ReceiverOutageIT {

    private static final Duration OUTAGE = Duration.ofSeconds(30);

    @RegisterExtension
    final JarProcesses processes = new JarProcesses("receiver-outage-it");

    @TempDir
    Path orchestratorData;

    @TempDir
    Path workerData;

    private final int orchestratorPort = DarkroomProcess.freePort();
    private final int workerPort = DarkroomProcess.freePort();
    private final DarkroomApi api = new DarkroomApi(orchestratorPort);

    @Test
    void everyImageArrivesOnceTheReceiverIsBack() throws Exception {
        DarkroomProcess orchestrator = processes.start(orchestratorPort, orchestrator(), "orchestrator-1.log");
        DarkroomProcess worker = processes.start(workerPort, worker(), "worker.log");

        JobView created = api.createJob("case-receiver-outage", 10, 4);
        String jobId = created.jobId();
        JobView generating = await("job " + jobId + " to start generating").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> api.job(jobId), view -> !view.status().equals("pending")
                        && !view.status().equals("dispatched"));
        assertThat(generating.status()).as("the job must still be running when the receiver is killed")
                .isEqualTo("generating");

        orchestrator.kill();
        // The outage itself is the fault under test, and the issue fixes its length: the receiver stays down for
        // OUTAGE, and by then the worker must have met it and kept going.
        await("the receiver's outage of " + OUTAGE.toSeconds() + " s, met by a live worker")
                .pollDelay(OUTAGE).atMost(OUTAGE.plusSeconds(5))
                .until(() -> worker.isAlive() && worker.logContains("receiver unreachable"));
        processes.start(orchestratorPort, orchestrator(), "orchestrator-2.log");

        JobView done = await("job " + jobId + " to finish after the receiver is back").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> api.job(jobId), view -> view.finishedAt() != null);

        assertThat(done.status()).isEqualTo("completed");
        assertThat(done.counts().succeeded()).isEqualTo(14);
        assertThat(done.attempt()).as("the worker's run was never taken for lost: nothing was generated again")
                .isEqualTo(1);
        // The run's last word goes out once every image event has been delivered or given up on.
        await("the worker to deliver the run's summary").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> Pattern.compile("\\[job=" + Pattern.quote(jobId) + " [^\\]]*\\] run finished")
                        .matcher(worker.logTail(100_000)).find());
        assertThat(worker.logContains("giving up on")).as("no event outlived the worker's retries").isFalse();
    }

    /** Recovery stays quick to step in, as in every two-process test. */
    private Map<String, String> orchestrator() {
        return JarProcesses.orchestratorProperties(orchestratorData, workerPort);
    }

    /**
     * Deliveries retry at most 5 s apart, so they resume soon after the receiver is back, and 30 times, which spans
     * at least a minute, twice the outage.
     */
    private Map<String, String> worker() {
        Map<String, String> properties = JarProcesses.workerProperties(workerData, orchestratorPort);
        properties.put("darkroom.webhook.max-attempts", "30");
        properties.put("darkroom.webhook.max-backoff", "5s");
        return properties;
    }
}
