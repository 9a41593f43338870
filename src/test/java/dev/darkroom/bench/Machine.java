package dev.darkroom.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The machine a run measured, as the page states it: figures mean little without it. */
final class Machine {

    private Machine() {
    }

    static List<String> describe() {
        String cpu = firstLine(Path.of("/proc/cpuinfo"), "model name").map(line -> line.replaceFirst(".*:\\s*", ""))
                .orElse("unknown CPU");
        String memory = firstLine(Path.of("/proc/meminfo"), "MemTotal")
                .map(line -> Long.parseLong(line.replaceAll("\\D", "")) / 1024 / 1024 + " GiB").orElse("unknown");
        String os = firstLine(Path.of("/etc/os-release"), "PRETTY_NAME")
                .map(line -> line.replaceFirst("PRETTY_NAME=", "").replace("\"", ""))
                .orElse(System.getProperty("os.name"));
        return List.of(
                "Machine: " + Runtime.getRuntime().availableProcessors() + " cores (" + cpu + "), " + memory
                        + " memory; load generator, servers and database share them",
                "JDK: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                "OS: " + os + ", " + System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"));
    }

    private static Optional<String> firstLine(Path file, String prefix) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.filter(line -> line.startsWith(prefix)).findFirst();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
