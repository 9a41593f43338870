package dev.darkroom.security;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.Date;

/**
 * When a token may be used, read on Darkroom's one clock: from its {@code nbf} (if any) to its {@code exp}, both
 * included, as Micronaut's own checks count them.
 */
record TokenTimes(@Nullable Instant notBefore, @Nullable Instant expiresAt) {

    boolean holdAt(Instant now) {
        return (notBefore == null || !now.isBefore(notBefore)) && (expiresAt == null || !now.isAfter(expiresAt));
    }

    /** A claim as a verified token's attributes carry it: a Date from the JWT library, or seconds since the epoch. */
    static @Nullable Instant claim(@Nullable Object value) {
        if (value instanceof Date date) {
            return date.toInstant();
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof Number seconds) {
            return Instant.ofEpochSecond(seconds.longValue());
        }
        return null;
    }

    static @Nullable Instant of(@Nullable Date date) {
        return date == null ? null : date.toInstant();
    }
}
