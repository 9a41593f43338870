package dev.darkroom.provider;

import dev.darkroom.security.OutboundGuard;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Fetches a provider's output from a URL the provider gave, which is input from outside: only from allow-listed
 * hosts (no requests into the private network on a provider's say-so), only images, and only up to a size cap.
 */
@Singleton
public class ProviderDownloads {

    private final ProviderHttp http;
    private final OutboundGuard guard;

    public ProviderDownloads(@Client(id = "provider-downloads") HttpClient client, JsonMapper json,
                             OutboundGuard guard) {
        this.http = new ProviderHttp(client, json, "provider download");
        this.guard = guard;
    }

    /** The rules for one provider's downloads. */
    public record Rules(List<String> allowedHosts, long maxBytes, Duration timeout) {
    }

    public byte[] fetch(String provider, String url, Rules rules) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw ProviderException.refusal("bad_output", provider + " gave an output URL that is not a URL");
        }
        try {
            guard.check(uri, rules.allowedHosts());
        } catch (OutboundGuard.ForbiddenDestinationException e) {
            throw ProviderException.refusal("bad_output", provider + " output URL refused: " + e.getMessage());
        }
        ProviderHttp.Answer answer = http.send(HttpRequest.GET(uri), rules.timeout());
        if (answer.status() == 429 || answer.status() >= 500) {
            throw ProviderException.transientFailure("unavailable", "downloading " + provider + " output answered "
                    + answer.status(), ProviderHttp.retryAfter(answer.headers()).orElse(null));
        }
        if (!answer.ok()) {
            throw ProviderException.refusal("output_gone", "downloading " + provider + " output answered "
                    + answer.status());
        }
        String type = answer.header("content-type").orElse("").toLowerCase(Locale.ROOT);
        if (!type.startsWith("image/")) {
            throw ProviderException.refusal("bad_output", provider + " output is " + (type.isEmpty() ? "untyped"
                    : type) + ", not an image");
        }
        long declared = answer.header("content-length").map(ProviderDownloads::number).orElse(-1L);
        if (declared > rules.maxBytes() || answer.body().length > rules.maxBytes()) {
            throw ProviderException.refusal("bad_output", provider + " output is larger than "
                    + rules.maxBytes() + " bytes");
        }
        return answer.body();
    }

    private static long number(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
