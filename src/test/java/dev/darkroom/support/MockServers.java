package dev.darkroom.support;

import org.mockserver.configuration.Configuration;
import org.mockserver.integration.ClientAndServer;

/** MockServer on a free loopback port, quiet unless something goes wrong. */
public final class MockServers {

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
}
