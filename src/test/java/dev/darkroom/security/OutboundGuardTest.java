package dev.darkroom.security;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OutboundGuardTest {

    final OutboundGuard guard = new OutboundGuard(new OutboundGuard.Properties(List.of("cdn.example.com")),
            "http://workers.internal:8080", "");

    @Test
    void configuredAndListedHostsAreAllowed() {
        assertThat(guard.check(URI.create("http://workers.internal:8080/internal/runs"))).isNotNull();
        assertThat(guard.check(URI.create("https://CDN.example.com/out/1.png"))).isNotNull();
        assertThat(guard.check(URI.create("/v1/webhooks/worker"))).as("this process").isNotNull();
    }

    @Test
    void aCallerMayAllowMoreHostsForOneCheckWithSubdomainWildcards() {
        List<String> replicateOutputs = List.of("replicate.delivery", "*.replicate.delivery");
        assertThat(guard.check(URI.create("https://pbxt.replicate.delivery/x/out-0.webp"), replicateOutputs))
                .isNotNull();
        assertThatThrownBy(() -> guard.check(URI.create("https://replicate.delivery.evil.net/x"), replicateOutputs))
                .isInstanceOf(OutboundGuard.ForbiddenDestinationException.class);
        assertThatThrownBy(() -> guard.check(URI.create("http://127.0.0.1:8080/internal/runs"), replicateOutputs))
                .isInstanceOf(OutboundGuard.ForbiddenDestinationException.class);
    }

    @Test
    void anyOtherHostOrSchemeIsRefused() {
        assertThatThrownBy(() -> guard.check(URI.create("http://169.254.169.254/latest/meta-data")))
                .isInstanceOf(OutboundGuard.ForbiddenDestinationException.class);
        assertThatThrownBy(() -> guard.check(URI.create("https://cdn.example.com.evil.net/x")))
                .isInstanceOf(OutboundGuard.ForbiddenDestinationException.class);
        assertThatThrownBy(() -> guard.check(URI.create("file:///etc/passwd")))
                .isInstanceOf(OutboundGuard.ForbiddenDestinationException.class);
    }
}
