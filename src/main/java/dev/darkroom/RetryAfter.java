package dev.darkroom;

import io.micronaut.core.annotation.Nullable;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An HTTP {@code Retry-After} value (RFC 9110): seconds, or an HTTP-date. The one reader of it for every answer
 * Darkroom gets (workers, receivers, providers); seconds may carry a fraction, as some providers send them.
 */
public final class RetryAfter {

    private static final Pattern SECONDS = Pattern.compile("\\d{1,12}(\\.\\d{1,9})?");

    private RetryAfter() {
    }

    /** The wait asked for, counted from {@code now}; empty when there is no value or it cannot be read. */
    public static Optional<Duration> parse(@Nullable String header, Instant now) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String value = header.trim();
        if (SECONDS.matcher(value).matches()) {
            // Whole seconds and the fraction apart: twelve digits of seconds overflow a count of nanoseconds.
            BigDecimal seconds = new BigDecimal(value);
            return Optional.of(Duration.ofSeconds(seconds.longValue(),
                    seconds.remainder(BigDecimal.ONE).movePointRight(9).longValue()));
        }
        try {
            Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration wait = Duration.between(now, at);
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
