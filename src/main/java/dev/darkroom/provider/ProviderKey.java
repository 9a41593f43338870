package dev.darkroom.provider;

import dev.darkroom.security.OutboundGuard;
import io.micronaut.http.MutableHttpRequest;

import java.net.URI;

/**
 * A provider's credential, bound to the one origin it belongs to: the scheme, host and port of the provider's
 * configured base URL. A URL a provider's answer names (fal's status and response URLs) is checked here before the
 * key goes with it, so a spoofed or compromised answer cannot send the key anywhere else. Output downloads never
 * carry a key.
 */
public final class ProviderKey {

    private final String provider;
    private final OutboundGuard.Origin home;
    private final String header;
    private final String value;

    private ProviderKey(String provider, String baseUrl, String header, String value) {
        this.provider = provider;
        this.home = OutboundGuard.Origin.of(baseUrl);
        this.header = header;
        this.value = value;
    }

    /** {@code name: value} on every request to the origin of {@code baseUrl}. */
    public static ProviderKey header(String provider, String baseUrl, String name, String value) {
        return new ProviderKey(provider, baseUrl, name, value);
    }

    /** {@code Authorization: Bearer token} on every request to the origin of {@code baseUrl}. */
    public static ProviderKey bearer(String provider, String baseUrl, String token) {
        return new ProviderKey(provider, baseUrl, "Authorization", "Bearer " + token);
    }

    /** The request with the credential, if it goes to the provider's own origin; refused otherwise. */
    public <T> MutableHttpRequest<T> attach(MutableHttpRequest<T> request) {
        requireHome(request.getUri().toString(), "a request");
        return request.header(header, value);
    }

    /**
     * {@code url}, which {@code what} (say, fal's {@code status_url}) named, when it is on the provider's own origin;
     * a final {@code bad_output} refusal otherwise, with nothing sent.
     */
    public URI requireHome(String url, String what) {
        OutboundGuard.Origin target;
        try {
            target = OutboundGuard.Origin.of(url);
        } catch (OutboundGuard.ForbiddenDestinationException e) {
            throw ProviderException.refusal("bad_output", provider + ": " + what + " refused: " + e.getMessage());
        }
        if (!target.equals(home)) {
            throw ProviderException.refusal("bad_output", provider + ": " + what + " names " + target
                    + ", not the configured " + home + "; nothing was sent there");
        }
        return URI.create(url);
    }
}
