package dev.darkroom.security;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.inject.Singleton;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where Darkroom may send requests of its own: the hosts of its configured URLs (worker, receiver) and the hosts
 * listed in {@code darkroom.outbound.allowed-hosts} ({@code *.example.com} allows its subdomains), over http or
 * https only. A URL that arrives in a request or
 * in a provider's answer is checked here before anything is fetched from it or posted to it. Redirects are never
 * followed ({@code micronaut.http.client.follow-redirects: false}), so an allowed host cannot bounce a request
 * elsewhere.
 */
@Singleton
public class OutboundGuard {

    private final List<String> allowedHosts = new ArrayList<>();

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
        return target.isAbsolute() ? check(target, List.of()) : target;
    }

    /**
     * An absolute http(s) URI whose host is allowed here or by {@code alsoAllowed} (a provider's own output
     * hosts, say). Entries are host names, or {@code *.example.com} for the subdomains of example.com.
     */
    public URI check(URI target, List<String> alsoAllowed) {
        String scheme = target.getScheme() == null ? "" : target.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new ForbiddenDestinationException("only http and https may be used, not '" + scheme + "'");
        }
        String host = target.getHost() == null ? "" : target.getHost().toLowerCase(Locale.ROOT);
        if (!matches(host, allowedHosts) && !matches(host, alsoAllowed)) {
            throw new ForbiddenDestinationException(host + " is not on the outbound allow-list");
        }
        return target;
    }

    static boolean matches(String host, List<String> patterns) {
        for (String pattern : patterns) {
            String p = pattern.trim().toLowerCase(Locale.ROOT);
            if (!p.isEmpty() && (p.startsWith("*.") ? host.endsWith(p.substring(1)) : host.equals(p))) {
                return true;
            }
        }
        return false;
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
