package dev.darkroom.support;

import dev.darkroom.security.Scopes;
import dev.darkroom.security.TokenMinter;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Bearer tokens signed with the test configuration's JWT secret, as the game backend's would be. */
public final class Tokens {

    public static final String SECRET = "test-jwt-secret-that-is-at-least-32-bytes-long";

    private Tokens() {
    }

    /** The game backend: may create and read every job. */
    public static String backend() {
        return withScopes(Scopes.JOBS_WRITE, Scopes.JOBS_READ);
    }

    public static String withScopes(String... scopes) {
        return forSubject("game-backend", scopes);
    }

    /** A token issued at {@code now}: for a test whose service clock has moved away from the real one. */
    public static String issuedAt(Instant now, String... scopes) {
        return TokenMinter.mint(SECRET.getBytes(StandardCharsets.UTF_8), "game-backend", List.of(scopes),
                Duration.ofMinutes(10), now);
    }

    public static String forSubject(String subject, String... scopes) {
        return TokenMinter.mint(SECRET.getBytes(StandardCharsets.UTF_8), subject, List.of(scopes),
                Duration.ofMinutes(10), Instant.now());
    }
}
