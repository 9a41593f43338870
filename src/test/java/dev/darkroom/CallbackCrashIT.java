package dev.darkroom;

import dev.darkroom.status.JobView;
import dev.darkroom.support.Cases;
import dev.darkroom.support.DarkroomApi;
import dev.darkroom.support.DarkroomProcess;
import dev.darkroom.support.JarProcesses;
import dev.darkroom.support.MockServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.mockserver.integration.ClientAndServer;
import org.mockserver.matchers.Times;
import org.mockserver.model.Delay;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockserver.model.HttpRequest.request;
import static org.mockserver.model.HttpResponse.response;

/**
 * Kills the packaged service with SIGKILL after a job has ended and while its callback is on its way (the backend
 * holds the first attempt without an answer): the callback, written with the end, is delivered after the restart,
 * the same event under the same webhook-id.
 */
class CallbackCrashIT {

    @RegisterExtension
    final JarProcesses processes = new JarProcesses("callback-crash-it");

    @TempDir
    Path dataDir;

    private final int port = DarkroomProcess.freePort();
    private final DarkroomApi api = new DarkroomApi(port);
    private final ClientAndServer backend = MockServers.start();

    @AfterEach
    void stopBackend() {
        backend.stop();
    }

    @Test
    void aCallbackInFlightWhenTheProcessIsKilledIsDeliveredAfterTheRestart() throws Exception {
        backend.when(request().withPath("/hooks/crash"), Times.exactly(1))
                .respond(response().withStatusCode(200).withDelay(new Delay(TimeUnit.SECONDS, 120)));
        backend.when(request().withPath("/hooks/crash")).respond(response().withStatusCode(204));
        DarkroomProcess first = start("darkroom-1.log");
        Map<String, Object> body = Cases.body(2, 0);
        body.put("callback", Map.of("url", MockServers.url(backend) + "/hooks/crash"));
        String jobId = api.createJob("case-callback-crash", body).jobId();

        await("the first attempt at job " + jobId + "'s callback").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> backend.retrieveRecordedRequests(request().withPath("/hooks/crash")).length == 1);
        first.kill();
        assertThat(first.isAlive()).isFalse();
        start("darkroom-2.log");

        JobView delivered = await("job " + jobId + "'s callback after the restart").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> api.job(jobId), view -> view.callback() != null
                        && view.callback().status().equals("delivered"));
        assertThat(delivered.status()).isEqualTo("completed");
        assertThat(delivered.callback().attempts()).extracting(JobView.CallbackAttemptView::statusCode)
                .containsExactly(204);
        org.mockserver.model.HttpRequest[] received = backend.retrieveRecordedRequests(
                request().withPath("/hooks/crash"));
        assertThat(received).hasSize(2);
        assertThat(received[1].getFirstHeader("webhook-id")).isEqualTo(received[0].getFirstHeader("webhook-id"));
    }

    private DarkroomProcess start(String logName) {
        Map<String, String> properties = JarProcesses.baseProperties(dataDir);
        properties.put("darkroom.callbacks.allowed-hosts", MockServers.url(backend));
        properties.put("darkroom.callbacks.poll-interval", "200ms");
        properties.put("darkroom.callbacks.lease", "2s");
        properties.put("darkroom.callbacks.timeout", "5m");
        properties.put("darkroom.dispatch.poll-interval", "200ms");
        return processes.start(port, properties, logName);
    }
}
