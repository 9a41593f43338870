package dev.darkroom.callback;

import dev.darkroom.security.OutboundGuard;
import jakarta.inject.Singleton;

import java.net.URI;
import java.util.Optional;

/**
 * Which callback URLs Darkroom posts to: those on {@code darkroom.callbacks.allowed-hosts} and not into a private
 * network ({@link OutboundGuard#checkPublic}). Checked when the job is created and again before every attempt, since
 * what a name resolves to can change in between.
 */
@Singleton
public class CallbackDestinations {

    private static final int MAX_LENGTH = 2048;

    private final OutboundGuard guard;
    private final CallbackProperties properties;

    public CallbackDestinations(OutboundGuard guard, CallbackProperties properties) {
        this.guard = guard;
        this.properties = properties;
    }

    /** Why the URL is refused; empty when Darkroom may post to it. */
    public Optional<String> refusal(String url) {
        if (url.length() > MAX_LENGTH) {
            return Optional.of("must be at most " + MAX_LENGTH + " characters");
        }
        URI target;
        try {
            target = new URI(url);
        } catch (Exception e) {
            return Optional.of("is not a URL");
        }
        if (!target.isAbsolute() || target.getRawFragment() != null) {
            return Optional.of("must be an absolute https URL without a fragment");
        }
        try {
            guard.checkPublic(target, properties.allowedHosts());
            return Optional.empty();
        } catch (OutboundGuard.ForbiddenDestinationException e) {
            return Optional.of("is refused: " + e.getMessage() + " (darkroom.callbacks.allowed-hosts)");
        } catch (IllegalArgumentException e) {
            return Optional.of("is refused: " + e.getMessage());
        }
    }
}
