package dev.darkroom;

import dev.darkroom.api.JobView;
import dev.darkroom.support.DarkroomApi;
import dev.darkroom.support.DarkroomProcess;
import dev.darkroom.support.JarProcesses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
        Map<String, Instant> finishedAt = DarkroomApi.finishTimes(beforeKill);
        Map<String, String> etags = api.etags(beforeKill, finishedAt.keySet());

        worker.kill();
        assertThat(worker.isAlive()).isFalse();
        DarkroomProcess newWorker = processes.start(workerPort, worker(), "worker-2.log");

        JobView done = await("job " + jobId + " to finish on the new worker").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> api.job(jobId), view -> view.finishedAt() != null);

        assertThat(done.status()).isEqualTo("completed");
        assertThat(done.counts().succeeded()).isEqualTo(14);
        assertThat(done.attempt()).as("the lost run was followed by a new attempt").isGreaterThanOrEqualTo(2);
        Map<String, Instant> finishedAtAfter = DarkroomApi.finishTimes(done);
        finishedAtAfter.keySet().retainAll(finishedAt.keySet());
        assertThat(finishedAtAfter).as("images finished before the kill keep their finish time")
                .isEqualTo(finishedAt);
        assertThat(api.etags(done, finishedAt.keySet())).as("images finished before the kill keep their bytes")
                .isEqualTo(etags);
        // What shows that nothing was made twice: the new worker's run carried only the images not yet stored.
        Matcher run = Pattern.compile("of job " + jobId + " \\(case case-worker-crash\\) started: (\\d+) images")
                .matcher(newWorker.logTail(100_000));
        assertThat(run.find()).as("the new worker ran the new attempt").isTrue();
        assertThat(Integer.parseInt(run.group(1))).isLessThanOrEqualTo(14 - finishedAt.size());
    }

    /** Initiator, receiver, status and recovery; runs go to the worker process. */
    private Map<String, String> orchestrator() {
        Map<String, String> properties = JarProcesses.baseProperties(orchestratorData);
        properties.put("darkroom.roles.worker", "false");
        properties.put("darkroom.dispatch.worker-url", "http://127.0.0.1:" + workerPort);
        properties.put("darkroom.dispatch.poll-interval", "200ms");
        properties.put("darkroom.dispatch.initial-backoff", "500ms");
        properties.put("darkroom.dispatch.max-backoff", "2s");
        properties.put("darkroom.recovery.interval", "500ms");
        properties.put("darkroom.recovery.run-timeout", "3s");
        properties.put("darkroom.recovery.start-deadline", "3s");
        return properties;
    }

    /** The worker role only; its events go to the orchestrator. */
    private Map<String, String> worker() {
        Map<String, String> properties = JarProcesses.baseProperties(workerData);
        for (String role : new String[] {"initiator", "receiver", "status", "recovery"}) {
            properties.put("darkroom.roles." + role, "false");
        }
        properties.put("darkroom.webhook.receiver-url", "http://127.0.0.1:" + orchestratorPort);
        properties.put("darkroom.local-generator.latency", "400ms");
        properties.put("darkroom.worker.concurrency", "2");
        properties.put("darkroom.worker.heartbeat-interval", "500ms");
        return properties;
    }
}
