package dev.darkroom.dispatch;

import dev.darkroom.Backoff;
import dev.darkroom.job.outbox.DispatchNotices;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.Properties;

/**
 * Hears on PostgreSQL that a run became due on any node ({@link DispatchNotices}) and wakes this node's dispatcher,
 * so a job created on one node goes out from another at once, not at that dispatcher's next poll. One connection of
 * its own per node, outside the pool (a pooled one would be lent to others), read on a thread of its own.
 *
 * <p>If the connection drops, the dispatcher's poll carries on as before while this listener reconnects with
 * backoff; it says so once per outage, and wakes the dispatcher once it listens again, for what it may have missed.
 */
@Singleton
@Requires(property = "darkroom.roles.initiator", notEquals = "false")
@Requires(property = "darkroom.dispatch.enabled", notEquals = "false")
@Requires(property = "datasources.default.url", pattern = "jdbc:postgresql:.*")
public class DispatchListener {

    /** How the connection shows in pg_stat_activity. */
    static final String APPLICATION_NAME = "darkroom-dispatch-listener";
    private static final Logger LOG = LoggerFactory.getLogger(DispatchListener.class);
    /** How long one wait for notices lasts before the connection is checked to be alive. */
    private static final int WAIT_MILLIS = 10_000;
    private static final Duration FIRST_RETRY = Duration.ofMillis(500);
    private static final Duration LAST_RETRY = Duration.ofSeconds(30);

    private final Dispatcher dispatcher;
    private final DispatchNotices notices;
    private final String url;
    private final Properties credentials = new Properties();
    private final Thread thread = new Thread(this::listenWhileRunning, APPLICATION_NAME);
    private volatile boolean running = true;
    private volatile boolean listening;
    private volatile Connection current;

    public DispatchListener(Dispatcher dispatcher, DispatchNotices notices,
                            @Value("${datasources.default.url}") String url,
                            @Value("${datasources.default.username:}") String username,
                            @Value("${datasources.default.password:}") String password) {
        this.dispatcher = dispatcher;
        this.notices = notices;
        this.url = url;
        // Only what is set: the URL may carry the user itself, as PostgreSQL's own URLs often do.
        if (!username.isBlank()) {
            credentials.setProperty("user", username);
        }
        if (!password.isEmpty()) {
            credentials.setProperty("password", password);
        }
        credentials.setProperty("ApplicationName", APPLICATION_NAME);
        thread.setDaemon(true);
    }

    /** Once the node serves: the dispatcher it wakes sends through this node's own HTTP client. */
    @EventListener
    void onStartup(ServerStartupEvent event) {
        if (thread.getState() == Thread.State.NEW) {
            thread.start();
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        running = false;
        thread.interrupt();
        // A wait for notices is a blocking read on the socket: closing the connection is what ends it.
        closeQuietly(current);
        thread.join(5_000);
    }

    private void listenWhileRunning() {
        int failures = 0;
        while (running) {
            try (Connection connection = DriverManager.getConnection(url, credentials)) {
                current = connection;
                try (Statement listen = connection.createStatement()) {
                    listen.execute("LISTEN " + DispatchNotices.CHANNEL);
                }
                if (failures > 0) {
                    LOG.info("listening for due runs of other nodes again");
                    // Notices sent while no one listened are gone; the rows they told of are not.
                    dispatcher.nudge();
                }
                failures = 0;
                listening = true;
                listen(connection.unwrap(PGConnection.class), connection);
            } catch (SQLException | RuntimeException e) {
                listening = false;
                if (!running) {
                    return;
                }
                if (failures++ == 0) {
                    LOG.warn("not listening for due runs of other nodes ({}); the dispatcher's poll carries on, "
                            + "reconnecting", e.getMessage());
                }
                if (!Backoff.pause(Backoff.before(failures, FIRST_RETRY, LAST_RETRY))) {
                    return;
                }
            } finally {
                current = null;
            }
        }
    }

    /** Whether notices reach this node now. */
    public boolean isListening() {
        return listening;
    }

    private void listen(PGConnection notifications, Connection connection) throws SQLException {
        while (running) {
            PGNotification[] heard = notifications.getNotifications(WAIT_MILLIS);
            if (heard == null || heard.length == 0) {
                // A quiet wait says nothing of a connection that a network drop left half open.
                if (!connection.isValid(5)) {
                    throw new SQLException("the listening connection stopped answering");
                }
            } else if (Arrays.stream(heard).anyMatch(notice -> !notices.isOwn(notice.getParameter()))) {
                dispatcher.nudge();
            }
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            // Closing is all that was asked; the thread sees its connection gone and ends.
        }
    }
}
