package dev.darkroom.job.outbox;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.UUID;

/**
 * Tells every node that a run became due, so that a dispatcher on another node sends it now instead of at its next
 * poll. On PostgreSQL a {@code NOTIFY} on {@value #CHANNEL} in the transaction that wrote the due dispatch: it is
 * delivered when, and only if, that transaction commits, so no listener looks before the row is there. On H2, the
 * database of a single node, there is no one else to tell; the node's own dispatcher hears of it in-process. Only a
 * hint either way: a notice lost (a listener reconnecting) costs a poll interval, never a run.
 */
@Singleton
public class DispatchNotices {

    public static final String CHANNEL = "darkroom_dispatch";

    /** Carried in each notice, so that this node's listener passes over what this node already heard in-process. */
    private final String node = UUID.randomUUID().toString();
    private final JdbcOperations jdbc;

    public DispatchNotices(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** Within the transaction that made a run due. */
    public void runDue() {
        jdbc.execute(connection -> {
            if (!"PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) {
                return null;
            }
            try (PreparedStatement notify = connection.prepareStatement("SELECT pg_notify(?, ?)")) {
                notify.setString(1, CHANNEL);
                notify.setString(2, node);
                try (ResultSet ignored = notify.executeQuery()) {
                    return null;
                }
            }
        });
    }

    /** A notice this very node sent. */
    public boolean isOwn(String payload) {
        return node.equals(payload);
    }
}
