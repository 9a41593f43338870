package dev.darkroom;

import dev.darkroom.status.JobView;
import dev.darkroom.support.DarkroomApi;
import dev.darkroom.support.DarkroomProcess;
import dev.darkroom.support.JarProcesses;
import dev.darkroom.support.MockServers;
import dev.darkroom.support.OpenAiWire;
import dev.darkroom.support.StoredBeforeKill;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.mockserver.integration.ClientAndServer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A rolling deploy of the worker: SIGTERM in the middle of a job, then a new worker on the same address. The
 * stopping worker finishes and reports the images it was making, starts none of the others, and exits; the new one
 * makes the rest once recovery finds the run quiet. Every image costs exactly one call to the provider (OpenAI at
 * MockServer): the ones in flight are not thrown away and paid for again.
 */
class GracefulDrainIT {

    private static final int IMAGES = 8;

    @RegisterExtension
    final JarProcesses processes = new JarProcesses("graceful-drain-it");

    @TempDir
    Path orchestratorData;

    @TempDir
    Path workerData;

    private final ClientAndServer openai = MockServers.start();
    private final int orchestratorPort = DarkroomProcess.freePort();
    private final int workerPort = DarkroomProcess.freePort();
    private final DarkroomApi api = new DarkroomApi(orchestratorPort);

    @AfterEach
    void stopOpenAi() {
        openai.stop();
    }

    @Test
    void aStoppingWorkerFinishesTheImagesInFlightAndTheNextStartMakesTheRestEachImageGeneratedOnce()
            throws Exception {
        // Slow enough that images are in flight whenever the signal comes.
        openai.when(OpenAiWire.generations()).respond(OpenAiWire.image().withDelay(TimeUnit.MILLISECONDS, 1500));
        processes.start(orchestratorPort, orchestrator(), "orchestrator.log");
        DarkroomProcess worker = processes.start(workerPort, worker(), "worker-1.log");

        String jobId = api.createJob("case-graceful-drain", 6, 2).jobId();
        await("the first image of job " + jobId).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> api.job(jobId).counts().succeeded() >= 1);
        int callsAtSignal = providerCalls();
        assertThat(callsAtSignal).as("images are still to start when the worker is stopped")
                .isLessThan(IMAGES);

        int exit = worker.terminate(Duration.ofSeconds(30));
        int callsAtExit = providerCalls();
        JobView afterStop = api.job(jobId);

        assertThat(exit).as("the worker stopped on SIGTERM").isEqualTo(143);
        assertThat(afterStop.counts().succeeded())
                .as("every image the stopping worker asked the provider for is stored; none was thrown away")
                .isEqualTo(callsAtExit);
        assertThat(callsAtExit).as("the stopping worker started no image after the signal beyond those already "
                + "on their way (the window of 2)").isLessThanOrEqualTo(callsAtSignal + 2).isLessThan(IMAGES);
        StoredBeforeKill stored = StoredBeforeKill.of(api, afterStop);

        DarkroomProcess newWorker = processes.start(workerPort, worker(), "worker-2.log");
        JobView done = await("job " + jobId + " to finish on the new worker").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> api.job(jobId), view -> view.finishedAt() != null);

        assertThat(done.status()).isEqualTo("completed");
        assertThat(done.counts().succeeded()).isEqualTo(IMAGES);
        assertThat(providerCalls()).as("each image was generated once, across both workers").isEqualTo(IMAGES);
        stored.assertKeptAndNotRemade(api, done, newWorker);
        assertThat(worker.logContains("drained: every image in flight is done and reported")).isTrue();
    }

    /**
     * All roles in one process: the receiver that takes the drained images' events is this very process, so the
     * drain must run while its server still answers.
     */
    @Test
    void inOneProcessTheImagesInFlightReachItsOwnReceiverBeforeItStopsAndTheRestartMakesTheRest()
            throws Exception {
        openai.when(OpenAiWire.generations()).respond(OpenAiWire.image().withDelay(TimeUnit.MILLISECONDS, 1500));
        DarkroomProcess first = processes.start(orchestratorPort, allInOne(), "all-in-one-1.log");

        String jobId = api.createJob("case-graceful-drain-one-process", 6, 2).jobId();
        await("the first image of job " + jobId).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> api.job(jobId).counts().succeeded() >= 1);
        assertThat(providerCalls()).as("images are still to start when the process is stopped").isLessThan(IMAGES);

        assertThat(first.terminate(Duration.ofSeconds(30))).isEqualTo(143);
        int callsAtExit = providerCalls();
        DarkroomProcess second = processes.start(orchestratorPort, allInOne(), "all-in-one-2.log");
        JobView afterStop = api.job(jobId);

        assertThat(afterStop.counts().succeeded())
                .as("every image asked for before the stop reached the receiver in the same process")
                .isEqualTo(callsAtExit);
        StoredBeforeKill stored = StoredBeforeKill.of(api, afterStop);
        JobView done = await("job " + jobId + " to finish after the restart").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> api.job(jobId), view -> view.finishedAt() != null);

        assertThat(done.status()).isEqualTo("completed");
        assertThat(done.counts().succeeded()).isEqualTo(IMAGES);
        assertThat(providerCalls()).as("each image was generated once, across both starts").isEqualTo(IMAGES);
        stored.assertKeptAndNotRemade(api, done, second);
    }

    private int providerCalls() {
        return openai.retrieveRecordedRequests(OpenAiWire.generations()).length;
    }

    /** Recovery finds the drained run quiet after 3 s and sends the images not done again. */
    private Map<String, String> orchestrator() {
        Map<String, String> properties = JarProcesses.orchestratorProperties(orchestratorData, workerPort);
        properties.put("darkroom.dispatch.initial-backoff", "500ms");
        properties.put("darkroom.dispatch.max-backoff", "2s");
        return properties;
    }

    private Map<String, String> allInOne() {
        Map<String, String> properties = JarProcesses.baseProperties(orchestratorData);
        properties.putAll(OpenAiWire.asOnlyProvider(openai, Map.of()));
        properties.put("darkroom.worker.concurrency", "2");
        properties.put("darkroom.worker.heartbeat-interval", "500ms");
        properties.put("darkroom.recovery.interval", "500ms");
        properties.put("darkroom.recovery.run-timeout", "3s");
        properties.put("darkroom.dispatch.poll-interval", "200ms");
        return properties;
    }

    private Map<String, String> worker() {
        Map<String, String> properties = JarProcesses.workerProperties(workerData, orchestratorPort);
        properties.putAll(OpenAiWire.asOnlyProvider(openai, Map.of()));
        return properties;
    }
}
