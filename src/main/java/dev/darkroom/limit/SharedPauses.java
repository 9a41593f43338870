package dev.darkroom.limit;

import io.micronaut.data.exceptions.DataAccessException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Until when a scope (a provider) holds every caller back, on every node: one row per scope in {@code limit_pauses},
 * read before each call. A pause only ever moves forward ({@code GREATEST}), so a short Retry-After arriving after
 * a long one cannot cut it short, whichever node hears which first.
 */
public final class SharedPauses {

    private static final String EXTEND = "INSERT INTO limit_pauses (scope, paused_until) VALUES (?, ?) "
            + "ON CONFLICT (scope) DO UPDATE SET paused_until = GREATEST(limit_pauses.paused_until, EXCLUDED.paused_until)";
    private static final String READ = "SELECT paused_until FROM limit_pauses WHERE scope = ?";

    private final DataSource dataSource;

    SharedPauses(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Holds the scope's callers back until then at least. */
    public void extendTo(String scope, Instant until) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(EXTEND)) {
            statement.setString(1, scope);
            statement.setObject(2, OffsetDateTime.ofInstant(until, ZoneOffset.UTC));
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new DataAccessException("the shared pause could not be written: " + e.getMessage(), e);
        }
    }

    /** The end of the scope's pause; {@link Instant#EPOCH} if it was never paused. */
    public Instant until(String scope) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(READ)) {
            statement.setString(1, scope);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getObject(1, OffsetDateTime.class).toInstant() : Instant.EPOCH;
            }
        } catch (SQLException e) {
            throw new DataAccessException("the shared pause could not be read: " + e.getMessage(), e);
        }
    }
}
