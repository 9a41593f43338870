package dev.darkroom.dispatch;

import dev.darkroom.status.JobView;
import dev.darkroom.support.Cases;
import dev.darkroom.support.Jobs;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A worker address nothing listens on, with a budget of one send: the job fails, and says the worker was unreachable. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UnreachableWorkerTest implements TestPropertyProvider {

    @Inject
    @Client("/")
    HttpClient http;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("darkroom.dispatch.worker-url", "http://127.0.0.1:" + closedPort(),
                "darkroom.dispatch.max-tries", "1",
                "darkroom.dispatch.max-attempts", "1");
    }

    @Test
    void anUnreachableWorkerUsesTheBudgetAndTheReasonSaysItWasUnreachable() {
        Jobs jobs = new Jobs(http);

        JobView failed = jobs.awaitTerminal(jobs.create("case-unreachable-worker", Cases.body(1, 0)).jobId());

        assertThat(failed.status()).isEqualTo("failed");
        assertThat(failed.failureReason()).contains("run not delivered after 1 tries: worker unreachable")
                .doesNotContain("answered");
    }

    /** A port nothing listens on: taken from the system, then let go. */
    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
