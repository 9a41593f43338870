package dev.darkroom.bench;

import dev.darkroom.support.DarkroomProcess;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The ceiling's JVM: started like a Darkroom node (same heap, same host), answering {@code GET /ceiling}. */
final class CeilingProcess implements AutoCloseable {

    static final String PATH = "/ceiling";

    private final Process process;
    private final int port;

    private CeilingProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static CeilingProcess start(String classpath, List<String> jvmOptions, Path log, Duration timeout) {
        int port = DarkroomProcess.freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-Dmicronaut.server.host=127.0.0.1");
        command.add("-Dmicronaut.server.port=" + port);
        command.add("-cp");
        command.add(classpath);
        command.add("dev.darkroom.ceiling.Ceiling");
        try {
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                    .start();
            CeilingProcess ceiling = new CeilingProcess(process, port);
            ceiling.awaitReady(timeout, log);
            return ceiling;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return port;
    }

    private void awaitReady(Duration timeout, Path log) {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest probe = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + PATH))
                .timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the ceiling exited before answering; see " + log);
            }
            try {
                if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not up yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            Pause.of(Duration.ofMillis(200));
        }
        close();
        throw new IllegalStateException("the ceiling did not answer within " + timeout + "; see " + log);
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(30, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public String toString() {
        return "ceiling on port " + port;
    }
}
