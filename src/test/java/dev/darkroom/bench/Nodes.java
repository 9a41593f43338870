package dev.darkroom.bench;

import dev.darkroom.support.DarkroomProcess;
import dev.darkroom.support.PostgresServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The processes a run starts: Darkroom nodes from the packaged jar (as a user starts it), the ceiling, and an
 * embedded PostgreSQL when asked for. Every one of them is stopped when the run ends, however it ends.
 */
final class Nodes implements AutoCloseable {

    static final String JWT_SECRET = "bench-jwt-secret-that-is-at-least-32-bytes-long";
    static final String RUN_SECRET = "bench-run-secret-that-is-at-least-32-bytes-long";
    static final String WEBHOOK_SECRET = "whsec_ELzhUT8M70Ewis/3K2+FjQXBDQcMiLCXQiFl5LXKHrQ=";
    /** Every server of a run gets the same heap, so that they are the same kind of process. */
    static final List<String> HEAP = List.of("-Xmx512m");
    private static final Duration STARTUP = Duration.ofSeconds(120);

    private final BenchOptions options;
    private final List<AutoCloseable> started = new ArrayList<>();
    private EmbeddedPostgres postgres;
    private int databases;

    Nodes(BenchOptions options) {
        this.options = options;
    }

    /** The settings of a node that must start in production mode, with its own fresh data directory. */
    Map<String, String> base(String name, String db) {
        Path data = fresh(options.out().resolve("data").resolve(name));
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("darkroom.data-dir", data.toString());
        properties.put("darkroom.webhook.secret", WEBHOOK_SECRET);
        properties.put("darkroom.callbacks.secret", WEBHOOK_SECRET);
        properties.put("darkroom.security.jwt-secret", JWT_SECRET);
        properties.put("darkroom.security.run-secret", RUN_SECRET);
        // One caller sends every create of a run; the per-caller limit would measure the limiter, not the create.
        properties.put("darkroom.api.creations-per-minute", "100000000");
        if (db.equals("postgres")) {
            properties.putAll(postgresDatabase(name));
        }
        return properties;
    }

    /** The settings of another node on the very database of {@code first}, as nodes of one cluster are. */
    Map<String, String> sharing(String name, Map<String, String> first) {
        Map<String, String> properties = base(name, "h2");
        first.forEach((key, value) -> {
            if (key.startsWith("datasources.default.")) {
                properties.put(key, value);
            }
        });
        return properties;
    }

    /** Starts a node of the jar with these settings and JVM options (beyond the common heap). */
    DarkroomProcess darkroom(String name, Map<String, String> properties, List<String> jvmOptions) {
        List<String> options = new ArrayList<>(HEAP);
        options.addAll(jvmOptions);
        Path log = this.options.out().resolve("logs").resolve(name + ".log");
        System.out.printf("  starting %s%n", name);
        DarkroomProcess process = DarkroomProcess.start(this.options.jar(), DarkroomProcess.freePort(), options,
                properties, log, STARTUP);
        started.add(process);
        return process;
    }

    /** Stops a node as a deploy would (SIGTERM), so that a flight recording is written on the way out. */
    void stop(DarkroomProcess process) {
        process.terminate(Duration.ofSeconds(90));
        started.remove(process);
    }

    /** The bare Micronaut endpoint, in its own JVM, on Darkroom's libraries but none of Darkroom's classes. */
    CeilingProcess ceiling() {
        String libraries;
        try {
            libraries = Files.readString(options.ceilingClasspath(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String classpath = options.ceilingClasses() + File.pathSeparator + libraries;
        System.out.println("  starting ceiling");
        CeilingProcess ceiling = CeilingProcess.start(classpath, HEAP, options.out().resolve("logs/ceiling.log"),
                STARTUP);
        started.add(ceiling);
        return ceiling;
    }

    private Map<String, String> postgresDatabase(String name) {
        try {
            if (postgres == null) {
                System.out.println("  starting embedded PostgreSQL");
                postgres = PostgresServer.start();
            }
            String database = "bench" + (++databases);
            try (Connection connection = postgres.getPostgresDatabase().getConnection();
                 Statement statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE " + database);
            }
            Map<String, String> properties = new LinkedHashMap<>(PostgresServer.datasource(postgres));
            properties.put("datasources.default.url", postgres.getJdbcUrl("postgres", database));
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database for " + name, e);
        }
    }

    private static Path fresh(Path directory) {
        try {
            if (Files.exists(directory)) {
                try (Stream<Path> paths = Files.walk(directory)) {
                    for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(path);
                    }
                }
            }
            return Files.createDirectories(directory).toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        for (AutoCloseable process : started) {
            try {
                process.close();
            } catch (Exception e) {
                System.err.println("could not stop " + process + ": " + e.getMessage());
            }
        }
        started.clear();
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                System.err.println("could not stop PostgreSQL: " + e.getMessage());
            }
        }
    }
}
