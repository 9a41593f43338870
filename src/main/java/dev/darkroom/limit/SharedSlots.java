package dev.darkroom.limit;

import io.micronaut.data.exceptions.DataAccessException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Calls in flight, counted for every node at once in the table {@code limit_slots}: a scope (a provider) has one row
 * per slot, and a call holds one row while it lasts. Taking a slot is one statement that picks a free row with
 * {@code FOR UPDATE SKIP LOCKED}, so two nodes never take the same one and neither waits for the other; giving it back
 * is one more. A token bucket cannot do this: it counts calls begun, not calls still open.
 *
 * <p>A slot is held under a lease that this node renews while it lives. A node killed mid-call never gives its slots
 * back; they come back once their lease runs out, which is what {@code darkroom.limits.slot-lease} is about.
 */
public final class SharedSlots {

    private static final String PROVIDE = "INSERT INTO limit_slots (scope, slot) "
            + "SELECT ?, s FROM generate_series(0, ? - 1) AS s ON CONFLICT DO NOTHING";
    // The outer condition repeats the inner one: the row is locked by then, but this keeps the statement correct
    // without relying on that.
    private static final String TAKE = """
            UPDATE limit_slots SET holder = ?, lease_id = ?, expires_at = ?
            WHERE scope = ? AND (holder IS NULL OR expires_at <= ?) AND slot = (
                SELECT slot FROM limit_slots
                WHERE scope = ? AND slot < ? AND (holder IS NULL OR expires_at <= ?)
                ORDER BY slot LIMIT 1 FOR UPDATE SKIP LOCKED)
            RETURNING slot""";
    private static final String GIVE_BACK = "UPDATE limit_slots SET holder = NULL, lease_id = NULL, expires_at = NULL "
            + "WHERE scope = ? AND slot = ? AND lease_id = ?";
    private static final String RENEW = "UPDATE limit_slots SET expires_at = ? WHERE holder = ?";

    private final DataSource dataSource;
    private final Clock clock;
    private final Duration lease;
    /** This node, as the holder of its slots: one statement renews them all. */
    private final String holder = UUID.randomUUID().toString();
    private final Set<String> held = ConcurrentHashMap.newKeySet();

    SharedSlots(DataSource dataSource, Clock clock, Duration lease) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.lease = lease;
    }

    /** One call's hold on a slot; closing it gives the slot back. */
    public final class Slot implements AutoCloseable {
        private final String scope;
        private final int number;
        private final String leaseId;
        private final AtomicBoolean open = new AtomicBoolean(true);

        private Slot(String scope, int number, String leaseId) {
            this.scope = scope;
            this.number = number;
            this.leaseId = leaseId;
        }

        public int number() {
            return number;
        }

        /**
         * Gives the slot back, once. Should the statement fail, the slot is no longer renewed and comes back when its
         * lease runs out.
         */
        @Override
        public void close() {
            if (!open.compareAndSet(true, false)) {
                return;
            }
            held.remove(leaseId);
            update(GIVE_BACK, statement -> {
                statement.setString(1, scope);
                statement.setInt(2, number);
                statement.setString(3, leaseId);
            });
        }
    }

    /** Makes sure that slots 0 to {@code count - 1} of the scope exist. */
    public void provide(String scope, int count) {
        update(PROVIDE, statement -> {
            statement.setString(1, scope);
            statement.setInt(2, count);
        });
    }

    /** A free slot among the scope's first {@code max}, or none if all are held. */
    public Optional<Slot> tryTake(String scope, int max) {
        OffsetDateTime now = now();
        String leaseId = UUID.randomUUID().toString();
        Optional<Integer> number = query(TAKE, statement -> {
            statement.setString(1, holder);
            statement.setString(2, leaseId);
            statement.setObject(3, now.plus(lease));
            statement.setString(4, scope);
            statement.setObject(5, now);
            statement.setString(6, scope);
            statement.setInt(7, max);
            statement.setObject(8, now);
        });
        number.ifPresent(n -> held.add(leaseId));
        return number.map(n -> new Slot(scope, n, leaseId));
    }

    /** Pushes the lease of every slot this node holds on by a full lease. */
    public void renew() {
        if (held.isEmpty()) {
            return;
        }
        update(RENEW, statement -> {
            statement.setObject(1, now().plus(lease));
            statement.setString(2, holder);
        });
    }

    Duration lease() {
        return lease;
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private void update(String sql, Binder binder) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new DataAccessException("the shared in-flight slots could not be updated: " + e.getMessage(), e);
        }
    }

    private Optional<Integer> query(String sql, Binder binder) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(rows.getInt(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new DataAccessException("the shared in-flight slots could not be read: " + e.getMessage(), e);
        }
    }
}
