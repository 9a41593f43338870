package dev.darkroom.demo;

import dev.darkroom.security.JwtKey;
import dev.darkroom.security.Scopes;
import dev.darkroom.security.TokenMinter;
import dev.darkroom.status.JobView;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.Micronaut;
import io.micronaut.runtime.server.EmbeddedServer;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole flow in one process: starts every role on a loopback port, asks for the sample case's fourteen
 * pictures through the public API exactly as a game backend would, polls with a progress bar like a player's
 * client, then saves the images to a folder and prints a summary.
 */
public final class Demo {

    private Demo() {
    }

    public static int run(String[] args) {
        // Before any logger exists: the progress bar is the demo's output, not the service's log lines.
        System.setProperty("DARKROOM_LOG_LEVEL", System.getenv().getOrDefault("DARKROOM_LOG_LEVEL", "WARN"));
        PrintStream out = System.out;
        Map<String, Object> properties = demoProperties();
        try (ApplicationContext context = Micronaut.build(args)
                .mainClass(Demo.class) // not the main class: it starts the demo, and the demo leans on nothing above it
                .environments("demo")
                .banner(false)
                .properties(properties)
                .start()) {
            EmbeddedServer server = context.getBean(EmbeddedServer.class);
            String backendToken = TokenMinter.mint(context.getBean(JwtKey.class).bytes(), "demo-backend",
                    List.of(Scopes.JOBS_WRITE), Duration.ofMinutes(30), Instant.now());
            try (HttpClient client = HttpClient.create(server.getURL())) {
                return new DemoRun(client.toBlocking(), backendToken, out).call();
            }
        } catch (IOException e) {
            System.err.println("demo failed: " + e.getMessage());
            return 1;
        }
    }

    /** Knobs for a pleasant demo; anything set in the environment or on the command line still wins. */
    private static Map<String, Object> demoProperties() {
        Map<String, Object> properties = new HashMap<>();
        setUnlessGiven(properties, "micronaut.server.host", "MICRONAUT_SERVER_HOST", "127.0.0.1");
        setUnlessGiven(properties, "micronaut.server.port", "MICRONAUT_SERVER_PORT", -1);
        setUnlessGiven(properties, "darkroom.local-generator.latency", "DARKROOM_LOCAL_GENERATOR_LATENCY", "400ms");
        setUnlessGiven(properties, "darkroom.local-generator.latency-jitter", "DARKROOM_LOCAL_GENERATOR_LATENCY_JITTER",
                "1200ms");
        // One process holds every role, so fresh random secrets serve; the demo environment would make them too,
        // but with a warning each.
        setUnlessGiven(properties, "darkroom.webhook.secret", "DARKROOM_WEBHOOK_SECRET", "whsec_" + randomBase64());
        setUnlessGiven(properties, "darkroom.callbacks.secret", "DARKROOM_CALLBACK_SECRET", "whsec_" + randomBase64());
        setUnlessGiven(properties, "darkroom.security.jwt-secret", "DARKROOM_JWT_SECRET", randomBase64());
        setUnlessGiven(properties, "darkroom.security.run-secret", "DARKROOM_RUN_SECRET", randomBase64());
        return properties;
    }

    private static String randomBase64() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private static void setUnlessGiven(Map<String, Object> properties, String name, String env, Object value) {
        if (System.getenv(env) == null && System.getProperty(name) == null) {
            properties.put(name, value);
        }
    }

    /**
     * One pass of the demo against a running service: the game backend creates the job with its token, then a
     * player's client polls and downloads with nothing but the poll token that came back.
     */
    private record DemoRun(BlockingHttpClient http, String backendToken, PrintStream out) {

        int call() throws IOException {
            String caseId = "ashcombe-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
            out.printf("Darkroom demo: asking for %d pictures of case %s%n", SampleCase.size(), caseId);
            long start = System.currentTimeMillis();
            JobView job = http.retrieve(HttpRequest.POST("/v1/cases/" + caseId + "/image-jobs", SampleCase.body())
                    .bearerAuth(backendToken), JobView.class);
            String pollToken = job.pollToken();
            out.printf("job %s accepted in %d ms; generating...%n", job.jobId(), System.currentTimeMillis() - start);

            ProgressBar bar = new ProgressBar(out, System.console() != null);
            while (job.finishedAt() == null) {
                bar.show(job.status(), job.counts().succeeded() + job.counts().failed(), job.counts().failed(),
                        job.counts().total(), System.currentTimeMillis() - start);
                pause();
                job = http.retrieve(HttpRequest.GET("/v1/jobs/" + job.jobId()).bearerAuth(pollToken), JobView.class);
            }
            bar.show(job.status(), job.counts().total(), job.counts().failed(), job.counts().total(),
                    System.currentTimeMillis() - start);
            bar.end();

            Path folder = Path.of("darkroom-demo", caseId).toAbsolutePath();
            Files.createDirectories(folder);
            for (JobView.ImageView image : job.images()) {
                if (image.url() != null) {
                    Files.write(folder.resolve(image.id() + ".jpg"),
                            http.retrieve(HttpRequest.GET(image.url()).bearerAuth(pollToken), byte[].class));
                } else if (image.error() != null) {
                    out.printf("  %s failed: %s (%s)%n", image.id(), image.error().message(), image.error().code());
                }
            }
            out.printf("%nJob %s %s in %.1f s: %d succeeded, %d failed.%n", job.jobId(), job.status(),
                    (System.currentTimeMillis() - start) / 1000.0, job.counts().succeeded(), job.counts().failed());
            out.printf("Images written to %s%n", folder);
            return 0;
        }

        /** A player's client polls at a steady pace; the demo is that client, on its own thread. */
        private static void pause() {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("demo interrupted", e);
            }
        }
    }
}
