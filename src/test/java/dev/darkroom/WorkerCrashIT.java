package dev.darkroom;

import dev.darkroom.status.JobView;
import dev.darkroom.support.DarkroomApi;
import dev.darkroom.support.DarkroomProcess;
import dev.darkroom.support.JarProcesses;
import dev.darkroom.support.StoredBeforeKill;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Orchestrator and worker as two processes: the worker is killed with SIGKILL in the middle of a job and a new
 * one starts on the same address. Recovery must notice the lost run and send the images not yet done to the new
 * worker, so the job completes, and the images finished before the kill are kept as they were.
 */
class WorkerCrashIT {

    @RegisterExtension
    final JarProcesses processes = new JarProcesses("worker-crash-it");

    @TempDir
    Path orchestratorData;

    @TempDir
    Path workerData;

    private final int orchestratorPort = DarkroomProcess.freePort();
    private final int workerPort = DarkroomProcess.freePort();
    private final DarkroomApi api = new DarkroomApi(orchestratorPort);

    @Test
    void jobCompletesOnANewWorkerFromTheImagesNotYetDone() throws Exception {
        processes.start(orchestratorPort, orchestrator(), "orchestrator.log");
        DarkroomProcess worker = processes.start(workerPort, worker(), "worker-1.log");

        String jobId = api.createJob("case-worker-crash", 10, 4).jobId();
        JobView beforeKill = await("3 images of job " + jobId).atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> api.job(jobId), view -> view.counts().succeeded() >= 3 || view.finishedAt() != null);
        assertThat(beforeKill.status()).as("the job must still be running when the worker is killed")
                .isEqualTo("generating");
        StoredBeforeKill stored = StoredBeforeKill.of(api, beforeKill);

        worker.kill();
        assertThat(worker.isAlive()).isFalse();
        DarkroomProcess newWorker = processes.start(workerPort, worker(), "worker-2.log");

        JobView done = await("job " + jobId + " to finish on the new worker").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> api.job(jobId), view -> view.finishedAt() != null);

        assertThat(done.status()).isEqualTo("completed");
        assertThat(done.counts().succeeded()).isEqualTo(14);
        assertThat(done.attempt()).as("the lost run was followed by a new attempt").isGreaterThanOrEqualTo(2);
        stored.assertKeptAndNotRemade(api, done, newWorker);
    }

    /** The new attempt may be refused while the new worker starts: the dispatcher retries it soon. */
    private Map<String, String> orchestrator() {
        Map<String, String> properties = JarProcesses.orchestratorProperties(orchestratorData, workerPort);
        properties.put("darkroom.dispatch.initial-backoff", "500ms");
        properties.put("darkroom.dispatch.max-backoff", "2s");
        return properties;
    }

    private Map<String, String> worker() {
        return JarProcesses.workerProperties(workerData, orchestratorPort);
    }
}
