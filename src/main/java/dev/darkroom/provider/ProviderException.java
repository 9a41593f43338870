package dev.darkroom.provider;

import io.micronaut.core.annotation.Nullable;

import java.time.Duration;

/**
 * A provider's failure, classed once where the provider's answer is understood: {@code retryable} for timeouts,
 * connection errors, 5xx and 429; final for refusals (content policy, bad request, quota gone).
 */
public class ProviderException extends RuntimeException {

    private final String code;
    private final boolean retryable;
    private final Duration retryAfter;

    public ProviderException(String code, String message, boolean retryable, @Nullable Duration retryAfter) {
        super(message);
        this.code = code;
        this.retryable = retryable;
        this.retryAfter = retryAfter;
    }

    public static ProviderException transientFailure(String code, String message) {
        return new ProviderException(code, message, true, null);
    }

    /** A transient failure with the provider's own idea of when to try again (a 429's Retry-After). */
    public static ProviderException transientFailure(String code, String message, @Nullable Duration retryAfter) {
        return new ProviderException(code, message, true, retryAfter);
    }

    public static ProviderException refusal(String code, String message) {
        return new ProviderException(code, message, false, null);
    }

    public String code() {
        return code;
    }

    public boolean retryable() {
        return retryable;
    }

    @Nullable
    public Duration retryAfter() {
        return retryAfter;
    }
}
