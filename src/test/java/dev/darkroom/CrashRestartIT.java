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
 * Kills the packaged service with SIGKILL in the middle of a job and starts it again on the same data directory:
 * the job must still complete, through a new attempt, and the images finished before the kill must be kept as they
 * were, not generated again.
 */
class CrashRestartIT {

    @RegisterExtension
    final JarProcesses processes = new JarProcesses("crash-restart-it");

    @TempDir
    Path dataDir;

    private final int port = DarkroomProcess.freePort();
    private final DarkroomApi api = new DarkroomApi(port);

    @Test
    void jobKilledMidRunCompletesAfterRestartWithoutRegeneratingFinishedImages() throws Exception {
        DarkroomProcess first = start("darkroom-1.log");
        String jobId = api.createJob("case-crash", 10, 4).jobId();

        JobView beforeKill = await("3 images of job " + jobId).atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> api.job(jobId), view -> view.counts().succeeded() >= 3 || view.finishedAt() != null);
        assertThat(beforeKill.status()).as("the job must still be running when the process is killed")
                .isIn("dispatched", "generating");
        StoredBeforeKill stored = StoredBeforeKill.of(api, beforeKill);

        first.kill();
        assertThat(first.isAlive()).isFalse();
        DarkroomProcess second = start("darkroom-2.log");

        JobView done = await("job " + jobId + " to finish after the restart").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> api.job(jobId), view -> view.finishedAt() != null);

        assertThat(done.status()).isEqualTo("completed");
        assertThat(done.counts().succeeded()).isEqualTo(14);
        assertThat(done.attempt()).as("a new attempt was dispatched after the restart").isGreaterThanOrEqualTo(2);
        stored.assertKeptAndNotRemade(api, done, second);
    }

    private DarkroomProcess start(String logName) {
        Map<String, String> properties = JarProcesses.baseProperties(dataDir);
        properties.put("darkroom.local-generator.latency", "400ms");
        properties.put("darkroom.worker.concurrency", "2");
        properties.put("darkroom.worker.heartbeat-interval", "500ms");
        properties.put("darkroom.recovery.interval", "500ms");
        properties.put("darkroom.recovery.run-timeout", "3s");
        properties.put("darkroom.dispatch.poll-interval", "200ms");
        return processes.start(port, properties, logName);
    }
}
