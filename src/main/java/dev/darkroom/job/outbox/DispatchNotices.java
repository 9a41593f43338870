package dev.darkroom.job.outbox;

import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.TransactionStatus;
import io.micronaut.transaction.support.TransactionSynchronization;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Tells every node that runs became due, so that a dispatcher on another node sends them now instead of at its next
 * poll. On PostgreSQL a {@code NOTIFY} on {@value #CHANNEL}, sent right after the transaction that wrote the due
 * dispatch committed, so no listener looks before the row is there. On H2, the database of a single node, there is
 * no one else to tell; the node's own dispatcher hears of it in-process.
 *
 * <p>Not in that transaction itself: PostgreSQL lets one notifying transaction commit at a time, holding a lock
 * across the commit's flush, so notices inside every create would queue the creates of all nodes behind each other.
 * A burst of commits sends one notice: one in flight per node, and at most one more waiting. Only a hint either way:
 * a notice lost (a node that dies between commit and notice, a listener reconnecting) costs a poll interval.
 */
@Singleton
public class DispatchNotices {

    public static final String CHANNEL = "darkroom_dispatch";
    private static final Logger LOG = LoggerFactory.getLogger(DispatchNotices.class);

    /** Carried in each notice, so that this node's listener passes over what this node already heard in-process. */
    private final String node = UUID.randomUUID().toString();
    private final TransactionOperations<Connection> tx;
    private final ExecutorService sender = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "darkroom-dispatch-notices");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean waiting = new AtomicBoolean();
    private volatile Boolean postgres;

    public DispatchNotices(TransactionOperations<Connection> tx) {
        this.tx = tx;
    }

    /** Within the transaction that made a run due: once it commits, every node hears of it. */
    public void runDue() {
        Optional<? extends TransactionStatus<?>> status = tx.findTransactionStatus();
        if (!isPostgres()) {
            return;
        }
        if (status.isEmpty()) {
            send();
            return;
        }
        status.get().registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                send();
            }
        });
    }

    /** A notice this very node sent. */
    public boolean isOwn(String payload) {
        return node.equals(payload);
    }

    @PreDestroy
    void stop() {
        sender.shutdown();
    }

    private boolean isPostgres() {
        if (postgres == null) {
            postgres = tx.executeRead(status -> "PostgreSQL".equals(
                    status.getConnection().getMetaData().getDatabaseProductName()));
        }
        return postgres;
    }

    private void send() {
        if (!waiting.compareAndSet(false, true)) {
            return;
        }
        try {
            sender.execute(() -> {
                // Cleared before the notice goes, so that a commit from now on gets a notice of its own.
                waiting.set(false);
                notifyNodes();
            });
        } catch (RejectedExecutionException e) {
            // The node is stopping: the other nodes' polls find the run.
            waiting.set(false);
        }
    }

    private void notifyNodes() {
        try {
            tx.executeWrite(status -> {
                try (PreparedStatement notify = status.getConnection().prepareStatement("SELECT pg_notify(?, ?)")) {
                    notify.setString(1, CHANNEL);
                    notify.setString(2, node);
                    try (ResultSet ignored = notify.executeQuery()) {
                        return null;
                    }
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
        } catch (RuntimeException e) {
            LOG.debug("notice of due runs not sent; the other nodes' polls find them", e);
        }
    }
}
