package dev.darkroom.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * The packaged jar running as a child process, so that a test can kill it the hard way and start it again on the
 * same data. Its output goes to a log file; {@link #logTail} shows the end of it when a test fails.
 */
public final class DarkroomProcess implements AutoCloseable {

    private final Process process;
    private final URI baseUri;
    private final Path log;

    private DarkroomProcess(Process process, URI baseUri, Path log) {
        this.process = process;
        this.baseUri = baseUri;
        this.log = log;
    }

    /** Starts {@code java -Dkey=value... -jar jar} on a 256 MB heap and returns once the server answers HTTP. */
    public static DarkroomProcess start(Path jar, int port, Map<String, String> properties, Path log,
                                        Duration startupTimeout) {
        return start(jar, port, List.of("-Xmx256m"), properties, log, startupTimeout);
    }

    /** As {@link #start(Path, int, Map, Path, Duration)}, with these JVM options (heap and memory limits). */
    public static DarkroomProcess start(Path jar, int port, List<String> jvmOptions, Map<String, String> properties,
                                        Path log, Duration startupTimeout) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-Djava.awt.headless=true");
        command.add("-Dmicronaut.server.host=127.0.0.1");
        command.add("-Dmicronaut.server.port=" + port);
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(jar.toString());
        Process process;
        try {
            Files.createDirectories(log.getParent());
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        DarkroomProcess darkroom = new DarkroomProcess(process, URI.create("http://127.0.0.1:" + port), log);
        try {
            darkroom.awaitReady(startupTimeout);
        } catch (RuntimeException | Error e) {
            darkroom.close();
            throw new AssertionError("darkroom did not start on port " + port + "; tail of " + log + ":\n"
                    + darkroom.logTail(60), e);
        }
        return darkroom;
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI uri(String path) {
        return baseUri.resolve(path);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL on Linux: no shutdown hooks, no pool closing, no database close; whatever was in flight is lost. */
    public void kill() {
        process.destroyForcibly();
        waitForExit();
    }

    /**
     * SIGTERM on Linux, as a deploy stops a process: the process may finish what it is doing first. Waits up to
     * {@code timeout} for it to exit and returns its exit code.
     */
    public int terminate(Duration timeout) {
        process.destroy();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("darkroom (pid " + process.pid() + ") did not exit within " + timeout
                        + " of SIGTERM");
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for darkroom to exit", e);
        }
    }

    public Path log() {
        return log;
    }

    /** Whether the process has logged {@code text} so far. */
    public boolean logContains(String text) {
        try {
            return Files.readString(log, StandardCharsets.UTF_8).contains(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log at " + log + ": " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            waitForExit();
        }
    }

    private void awaitReady(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest probe = HttpRequest.newBuilder(uri("/v1/jobs/none")).timeout(Duration.ofSeconds(2)).GET().build();
        await("darkroom on " + baseUri + " to answer").atMost(timeout).pollInterval(Duration.ofMillis(100))
                .ignoreExceptionsInstanceOf(IOException.class)
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("darkroom exited with " + process.exitValue()
                                + " before answering");
                    }
                    // Any answer will do (401 without a token): the server is up.
                    return http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() > 0;
                });
    }

    private void waitForExit() {
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("darkroom (pid " + process.pid() + ") did not exit after SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for darkroom to exit", e);
        }
    }
}
