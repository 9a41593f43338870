package dev.darkroom.support;

import org.mockserver.configuration.Configuration;
import org.mockserver.integration.ClientAndServer;
import org.mockserver.model.HttpRequest;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;

/** MockServer on a free loopback port, quiet unless something goes wrong. */
public final class MockServers {

    private static final DateTimeFormatter LOGGED_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    private MockServers() {
    }

    public static ClientAndServer start() {
        Configuration configuration = Configuration.configuration()
                .localBoundIP("127.0.0.1")
                .logLevel("WARN");
        return ClientAndServer.startClientAndServer(configuration, 0);
    }

    public static String url(ClientAndServer server) {
        return "http://127.0.0.1:" + server.getPort();
    }

    /**
     * Milliseconds after the first of the answered requests matching {@code matcher} at which each arrived, in
     * order, from MockServer's own log: how a test checks pacing without timing anything itself.
     */
    public static long[] arrivals(ClientAndServer server, HttpRequest matcher) {
        List<LocalDateTime> times = Arrays.stream(server.retrieveRecordedRequestsAndResponses(matcher))
                .map(r -> LocalDateTime.parse(r.getTimestamp(), LOGGED_TIME))
                .sorted()
                .toList();
        return times.stream().mapToLong(t -> ChronoUnit.MILLIS.between(times.get(0), t)).toArray();
    }
}
