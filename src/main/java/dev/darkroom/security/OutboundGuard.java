package dev.darkroom.security;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.inject.Singleton;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where Darkroom may send requests of its own, matched by scheme, host and port together: the origins of its
 * configured URLs (worker, receiver) and the entries of {@code darkroom.outbound.allowed-hosts}. A URL that arrives
 * in a request or in a provider's answer is checked here before anything is fetched from it or posted to it.
 * Redirects are never followed ({@code micronaut.http.client.follow-redirects: false}), so an allowed origin cannot
 * bounce a request elsewhere.
 *
 * <p>An entry is {@code [scheme://]host[:port]}; {@code *.example.com} as the host allows the subdomains of
 * example.com (not example.com itself). Without a scheme an entry means https, and without a port it means the
 * scheme's default port: {@code fal.media} allows {@code https://fal.media:443} only, never plain http or another
 * port of that host. Plain http, or any other port, must be spelled out: {@code http://127.0.0.1:9000}.
 */
@Singleton
public class OutboundGuard {

    private final List<Entry> allowed = new ArrayList<>();

    public OutboundGuard(Properties properties, @Value("${darkroom.dispatch.worker-url:}") String workerUrl,
                         @Value("${darkroom.webhook.receiver-url:}") String receiverUrl) {
        properties.allowedHosts().stream().filter(e -> !e.isBlank()).map(Entry::parse).forEach(allowed::add);
        for (String configured : List.of(workerUrl, receiverUrl)) {
            if (!configured.isBlank()) {
                allowed.add(Entry.of(Origin.of(URI.create(configured))));
            }
        }
    }

    /** A relative URI means this very process; an absolute one must be on an allowed origin. */
    public URI check(URI target) {
        return target.isAbsolute() ? check(target, List.of()) : target;
    }

    /**
     * An absolute http(s) URI whose origin is allowed here or by {@code alsoAllowed} (a provider's own output
     * hosts, say), entries written as in {@code darkroom.outbound.allowed-hosts}.
     */
    public URI check(URI target, List<String> alsoAllowed) {
        Origin origin = Origin.of(target);
        if (allowed.stream().anyMatch(e -> e.matches(origin))
                || alsoAllowed.stream().filter(e -> !e.isBlank()).map(Entry::parse).anyMatch(e -> e.matches(origin))) {
            return target;
        }
        throw new ForbiddenDestinationException(origin + " is not on the outbound allow-list");
    }

    /**
     * An absolute http(s) URI whose origin is one of {@code entries} alone (written as in
     * {@code darkroom.outbound.allowed-hosts}), and whose host is no private, loopback, link-local, wildcard or
     * multicast address, nor a name that resolves to one, unless an entry names that very address: a URL a caller
     * chose (a completion callback) must not reach into the network Darkroom runs in. The host is resolved here; a
     * name that cannot be resolved is refused.
     */
    public URI checkPublic(URI target, List<String> entries) {
        Origin origin = Origin.of(target);
        List<Entry> parsed = entries.stream().filter(e -> !e.isBlank()).map(Entry::parse).toList();
        if (parsed.stream().noneMatch(e -> e.matches(origin))) {
            throw new ForbiddenDestinationException(origin + " is not on the allow-list");
        }
        boolean addressListed = isAddress(origin.host())
                && parsed.stream().anyMatch(e -> e.host().equals(origin.host()) && e.matches(origin));
        if (!addressListed) {
            InetAddress[] addresses;
            try {
                addresses = InetAddress.getAllByName(origin.host());
            } catch (UnknownHostException e) {
                throw new ForbiddenDestinationException(origin.host() + " cannot be resolved");
            }
            for (InetAddress address : addresses) {
                if (isInternal(address)) {
                    throw new ForbiddenDestinationException(origin.host() + " is a private, loopback or link-local "
                            + "address (" + address.getHostAddress() + "); only an allow-list entry naming that "
                            + "address allows it");
                }
            }
        }
        return target;
    }

    private static boolean isAddress(String host) {
        return host.startsWith("[") || host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    }

    private static boolean isInternal(InetAddress address) {
        byte[] bytes = address.getAddress();
        // fc00::/7, IPv6's unique local addresses, which InetAddress does not call site-local.
        boolean uniqueLocal = bytes.length == 16 && (bytes[0] & 0xFE) == 0xFC;
        return address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress() || uniqueLocal;
    }

    /**
     * Scheme, host and port of an absolute http(s) URL, the port filled in from the scheme when the URL has none.
     * What a credential is bound to and what the allow-list matches.
     */
    public record Origin(String scheme, String host, int port) {

        public static Origin of(URI target) {
            String scheme = target.getScheme() == null ? "" : target.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw new ForbiddenDestinationException("only http and https may be used, not '" + scheme + "'");
            }
            if (target.getHost() == null || target.getRawUserInfo() != null) {
                throw new ForbiddenDestinationException("'" + target + "' names no plain host");
            }
            int port = target.getPort() == -1 ? defaultPort(scheme) : target.getPort();
            return new Origin(scheme, target.getHost().toLowerCase(Locale.ROOT), port);
        }

        public static Origin of(String url) {
            try {
                return of(URI.create(url));
            } catch (IllegalArgumentException e) {
                throw new ForbiddenDestinationException("'" + url + "' is not a URL");
            }
        }

        @Override
        public String toString() {
            return scheme + "://" + host + ":" + port;
        }
    }

    private static int defaultPort(String scheme) {
        return scheme.equals("http") ? 80 : 443;
    }

    /** One allow-list entry; its host may be a {@code *.} wildcard for subdomains. */
    record Entry(String scheme, String host, int port) {

        static Entry of(Origin origin) {
            return new Entry(origin.scheme(), origin.host(), origin.port());
        }

        static Entry parse(String text) {
            String rest = text.trim().toLowerCase(Locale.ROOT);
            String scheme = "https";
            int separator = rest.indexOf("://");
            if (separator >= 0) {
                scheme = rest.substring(0, separator);
                rest = rest.substring(separator + 3);
            }
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw new IllegalArgumentException("outbound allow-list entry '" + text + "': only http and https");
            }
            rest = rest.replaceAll("/+$", "");
            int colon = rest.lastIndexOf(':');
            int port = defaultPort(scheme);
            if (colon > rest.lastIndexOf(']')) {
                try {
                    port = Integer.parseInt(rest.substring(colon + 1));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("outbound allow-list entry '" + text + "': bad port");
                }
                rest = rest.substring(0, colon);
            }
            if (rest.isEmpty() || rest.contains("/") || rest.contains("@")) {
                throw new IllegalArgumentException("outbound allow-list entry '" + text
                        + "' is not [scheme://]host[:port]");
            }
            return new Entry(scheme, rest, port);
        }

        boolean matches(Origin origin) {
            boolean hostMatches = host.startsWith("*.") ? origin.host().endsWith(host.substring(1))
                    : origin.host().equals(host);
            return hostMatches && scheme.equals(origin.scheme()) && port == origin.port();
        }
    }

    /** A destination outside the allow-list; nothing was sent. */
    public static class ForbiddenDestinationException extends RuntimeException {
        public ForbiddenDestinationException(String message) {
            super(message);
        }
    }

    /**
     * @param allowedHosts origins, beyond those of the configured URLs, that Darkroom may call or download from:
     *                     {@code [scheme://]host[:port]}, https and its default port when left out
     */
    @ConfigurationProperties("darkroom.outbound")
    public record Properties(@Bindable(defaultValue = "") List<String> allowedHosts) {
    }
}
