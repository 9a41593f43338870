package dev.darkroom.security;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OutboundGuardTest {

    final OutboundGuard guard = new OutboundGuard(new OutboundGuard.Properties(
            List.of("cdn.example.com", "http://127.0.0.1:9000", "https://*.files.example.net")),
            "http://workers.internal:8080", "");

    @Test
    void configuredAndListedOriginsAreAllowed() {
        assertThat(guard.check(URI.create("http://workers.internal:8080/internal/runs"))).isNotNull();
        assertThat(guard.check(URI.create("https://CDN.example.com/out/1.png"))).isNotNull();
        assertThat(guard.check(URI.create("https://cdn.example.com:443/out/1.png"))).isNotNull();
        assertThat(guard.check(URI.create("http://127.0.0.1:9000/x"))).isNotNull();
        assertThat(guard.check(URI.create("https://eu.files.example.net/x"))).isNotNull();
        assertThat(guard.check(URI.create("/v1/webhooks/worker"))).as("this process").isNotNull();
    }

    @Test
    void theSameHostOnAnotherPortOrSchemeIsRefused() {
        assertRefused("http://workers.internal:8081/internal/runs");
        assertRefused("https://workers.internal:8080/internal/runs");
        assertRefused("http://workers.internal/internal/runs");
        assertRefused("http://127.0.0.1:9001/x");
        assertRefused("https://127.0.0.1:9000/x");
    }

    @Test
    void aBareHostEntryMeansHttpsOnItsDefaultPortOnly() {
        assertRefused("http://cdn.example.com/out/1.png");
        assertRefused("https://cdn.example.com:8443/out/1.png");
        assertRefused("http://eu.files.example.net/x");
    }

    @Test
    void aCallerMayAllowMoreOriginsForOneCheckWithSubdomainWildcards() {
        List<String> replicateOutputs = List.of("replicate.delivery", "*.replicate.delivery");
        assertThat(guard.check(URI.create("https://pbxt.replicate.delivery/x/out-0.webp"), replicateOutputs))
                .isNotNull();
        assertThatThrownBy(() -> guard.check(URI.create("https://replicate.delivery.evil.net/x"), replicateOutputs))
                .isInstanceOf(OutboundGuard.ForbiddenDestinationException.class);
        assertThatThrownBy(() -> guard.check(URI.create("http://pbxt.replicate.delivery/x"), replicateOutputs))
                .isInstanceOf(OutboundGuard.ForbiddenDestinationException.class);
        assertThatThrownBy(() -> guard.check(URI.create("http://127.0.0.1:8080/internal/runs"), replicateOutputs))
                .isInstanceOf(OutboundGuard.ForbiddenDestinationException.class);
    }

    @Test
    void aBlankExtraEntryAllowsNothing() {
        // A provider setting left empty, such as download-hosts with nothing in it.
        assertThatThrownBy(() -> guard.check(URI.create("https://pbxt.replicate.delivery/x"), List.of(" ")))
                .isInstanceOf(OutboundGuard.ForbiddenDestinationException.class);
    }

    @Test
    void anyOtherHostSchemeOrUserInfoIsRefused() {
        assertRefused("http://169.254.169.254/latest/meta-data");
        assertRefused("https://cdn.example.com.evil.net/x");
        assertRefused("https://files.example.net/x");
        assertRefused("https://cdn.example.com@evil.net/x");
        assertRefused("file:///etc/passwd");
    }

    @Test
    void anOriginFillsInTheSchemesDefaultPort() {
        assertThat(OutboundGuard.Origin.of("https://Queue.fal.run/fal-ai/x"))
                .isEqualTo(new OutboundGuard.Origin("https", "queue.fal.run", 443));
        assertThat(OutboundGuard.Origin.of("http://127.0.0.1:9000/"))
                .isEqualTo(new OutboundGuard.Origin("http", "127.0.0.1", 9000));
    }

    @Test
    void anEntryThatIsNoOriginIsRefusedAtStartup() {
        assertThatThrownBy(() -> new OutboundGuard(new OutboundGuard.Properties(List.of("ftp://files.example.com")),
                "", "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OutboundGuard(new OutboundGuard.Properties(List.of("example.com/path")),
                "", "")).isInstanceOf(IllegalArgumentException.class);
    }

    void assertRefused(String url) {
        assertThatThrownBy(() -> guard.check(URI.create(url))).as(url)
                .isInstanceOf(OutboundGuard.ForbiddenDestinationException.class);
    }
}
