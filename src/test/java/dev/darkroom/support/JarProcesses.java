package dev.darkroom.support;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts the packaged jar (system property {@code darkroom.jar}, set by failsafe) as child processes for one test,
 * prints the tail of every child's log when the test fails, and kills whatever is still running afterwards.
 * Register it with {@code @RegisterExtension}.
 */
public final class JarProcesses implements AfterTestExecutionCallback, AfterEachCallback {

    /** Every process of a test shares these, as every node of one deployment would. */
    public static final String WEBHOOK_SECRET = "whsec_ELzhUT8M70Ewis/3K2+FjQXBDQcMiLCXQiFl5LXKHrQ=";
    public static final String CALLBACK_SECRET = "whsec_Zm9yIHRoZSBraWxsZWQtamFyIHRlc3RzOiBhIGNhbGxiYWNrIGtleQ==";
    public static final String RUN_SECRET = "fault-test-run-secret-of-at-least-32-bytes";
    /** A start takes seconds alone, and over a minute on two busy cores while other nodes of a cluster run. */
    private static final Duration STARTUP = Duration.ofSeconds(120);

    private final Path logs;
    // Synchronized: a test may start several processes at once, from threads of its own.
    private final List<DarkroomProcess> started = Collections.synchronizedList(new ArrayList<>());

    /** @param logFolder folder under {@code target/} for the children's logs */
    public JarProcesses(String logFolder) {
        Path jar = jar();
        try {
            logs = Files.createDirectories(jar.toAbsolutePath().getParent().resolve(logFolder));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The settings every child needs to start in production mode (no dev environment: every secret is given,
     * none is made up), with its own data directory.
     */
    public static Map<String, String> baseProperties(Path dataDir) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("darkroom.data-dir", dataDir.toString());
        properties.put("darkroom.webhook.secret", WEBHOOK_SECRET);
        properties.put("darkroom.callbacks.secret", CALLBACK_SECRET);
        properties.put("darkroom.security.jwt-secret", Tokens.SECRET);
        properties.put("darkroom.security.run-secret", RUN_SECRET);
        return properties;
    }

    /**
     * An orchestrator: initiator, receiver, status and recovery, with recovery quick to step in; its runs go to the
     * worker process on {@code workerPort}.
     */
    public static Map<String, String> orchestratorProperties(Path dataDir, int workerPort) {
        Map<String, String> properties = baseProperties(dataDir);
        properties.put("darkroom.roles.worker", "false");
        properties.put("darkroom.dispatch.worker-url", "http://127.0.0.1:" + workerPort);
        properties.put("darkroom.dispatch.poll-interval", "200ms");
        properties.put("darkroom.recovery.interval", "500ms");
        properties.put("darkroom.recovery.run-timeout", "3s");
        properties.put("darkroom.recovery.start-deadline", "3s");
        return properties;
    }

    /** A worker only, making each image in 400 ms two at a time; its events go to {@code orchestratorPort}. */
    public static Map<String, String> workerProperties(Path dataDir, int orchestratorPort) {
        Map<String, String> properties = baseProperties(dataDir);
        for (String role : new String[] {"initiator", "receiver", "status", "recovery"}) {
            properties.put("darkroom.roles." + role, "false");
        }
        properties.put("darkroom.webhook.receiver-url", "http://127.0.0.1:" + orchestratorPort);
        properties.put("darkroom.local-generator.latency", "400ms");
        properties.put("darkroom.worker.concurrency", "2");
        properties.put("darkroom.worker.heartbeat-interval", "500ms");
        return properties;
    }

    /** Starts the jar on {@code port}, its output in {@code logName}, and waits until it answers HTTP. */
    public DarkroomProcess start(int port, Map<String, String> properties, String logName) {
        return start(port, List.of("-Xmx256m"), properties, logName);
    }

    /** As {@link #start(int, Map, String)}, with these JVM options instead of the default 256 MB heap. */
    public DarkroomProcess start(int port, List<String> jvmOptions, Map<String, String> properties, String logName) {
        Path log = logs.resolve(logName);
        try {
            Files.deleteIfExists(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        DarkroomProcess process = DarkroomProcess.start(jar(), port, jvmOptions, properties, log, STARTUP);
        started.add(process);
        return process;
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        context.getExecutionException().ifPresent(failure -> started.forEach(p ->
                System.out.printf("%n--- tail of %s ---%n%s%n", p.log(), p.logTail(80))));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        started.forEach(DarkroomProcess::close);
        started.clear();
    }

    private static Path jar() {
        String property = System.getProperty("darkroom.jar");
        assertThat(property).as("system property darkroom.jar (set by failsafe)").isNotBlank();
        Path jar = Path.of(property);
        assertThat(jar).exists();
        return jar;
    }
}
