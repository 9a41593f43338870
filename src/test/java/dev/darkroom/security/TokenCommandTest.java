package dev.darkroom.security;

import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class TokenCommandTest {

    static final String SECRET = "a-local-secret-that-is-at-least-32-bytes";

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void printsATokenSignedWithTheSecretCarryingTheScopes() throws Exception {
        assertThat(run(SECRET, "jobs:write", "jobs:read", "--ttl", "2h")).isZero();

        SignedJWT jwt = SignedJWT.parse(out.toString(StandardCharsets.UTF_8).trim());
        assertThat(jwt.verify(new MACVerifier(SECRET.getBytes(StandardCharsets.UTF_8)))).isTrue();
        assertThat(jwt.getJWTClaimsSet().getStringClaim("scope")).isEqualTo("jobs:write jobs:read");
        long lifetime = jwt.getJWTClaimsSet().getExpirationTime().getTime()
                - jwt.getJWTClaimsSet().getIssueTime().getTime();
        assertThat(lifetime).isEqualTo(2 * 3_600_000L);
    }

    @Test
    void mintsTheOperatorsScopeForMetricsAndHealthDetails() throws Exception {
        assertThat(run(SECRET, Scopes.OPS_READ)).isZero();

        SignedJWT jwt = SignedJWT.parse(out.toString(StandardCharsets.UTF_8).trim());
        assertThat(jwt.getJWTClaimsSet().getStringClaim("scope")).isEqualTo("ops:read");
    }

    @Test
    void mintsTheDashboardOperatorsScopesToLookAndToAct() throws Exception {
        assertThat(run(SECRET, Scopes.OPS_READ, Scopes.OPS_WRITE)).isZero();

        SignedJWT jwt = SignedJWT.parse(out.toString(StandardCharsets.UTF_8).trim());
        assertThat(jwt.getJWTClaimsSet().getStringClaim("scope")).isEqualTo("ops:read ops:write");
    }

    @Test
    void refusesUnknownScopesAndAMissingOrShortSecret() {
        assertThat(run(SECRET, "admin")).isEqualTo(2);
        assertThat(run(SECRET)).isEqualTo(2);
        assertThat(run(null, "jobs:read")).isEqualTo(2);
        assertThat(run("short", "jobs:read")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("DARKROOM_JWT_SECRET");
        assertThat(out.size()).isZero();
    }

    private int run(String secret, String... args) {
        return TokenCommand.run(args, secret, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }
}
