package dev.darkroom.security;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.inject.Singleton;

import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Where Darkroom may send requests of its own: the hosts of its configured URLs (worker, receiver) and the hosts
 * listed in {@code darkroom.outbound.allowed-hosts}, over http or https only. A URL that arrives in a request or
 * in a provider's answer is checked here before anything is fetched from it or posted to it. Redirects are never
 * followed ({@code micronaut.http.client.follow-redirects: false}), so an allowed host cannot bounce a request
 * elsewhere.
 */
@Singleton
public class OutboundGuard {

    private final Set<String> allowedHosts = new HashSet<>();

    public OutboundGuard(Properties properties, @Value("${darkroom.dispatch.worker-url:}") String workerUrl,
                         @Value("${darkroom.webhook.receiver-url:}") String receiverUrl) {
        properties.allowedHosts().forEach(host -> allowedHosts.add(host.toLowerCase(Locale.ROOT)));
        for (String configured : List.of(workerUrl, receiverUrl)) {
            if (!configured.isBlank()) {
                allowedHosts.add(URI.create(configured).getHost().toLowerCase(Locale.ROOT));
            }
        }
    }

    /** A relative URI means this very process; an absolute one must name an allowed host over http(s). */
    public URI check(URI target) {
        if (!target.isAbsolute()) {
            return target;
        }
        String scheme = target.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new ForbiddenDestinationException("only http and https may be used, not " + scheme);
        }
        String host = target.getHost() == null ? "" : target.getHost().toLowerCase(Locale.ROOT);
        if (!allowedHosts.contains(host)) {
            throw new ForbiddenDestinationException(host + " is not an allowed destination");
        }
        return target;
    }

    /** A destination outside the allow-list; nothing was sent. */
    public static class ForbiddenDestinationException extends RuntimeException {
        public ForbiddenDestinationException(String message) {
            super(message);
        }
    }

    /** @param allowedHosts hosts, beyond those of the configured URLs, that Darkroom may call or download from */
    @ConfigurationProperties("darkroom.outbound")
    public record Properties(@Bindable(defaultValue = "") List<String> allowedHosts) {
    }
}
