package dev.darkroom.security;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.darkroom.api.JobView;
import dev.darkroom.support.Cases;
import dev.darkroom.support.MockServers;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.mockserver.integration.ClientAndServer;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockserver.model.HttpRequest.request;
import static org.mockserver.model.HttpResponse.response;

/** A game backend whose identity provider signs RS256 tokens, published as a JWKS document. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JwksTokenTest implements TestPropertyProvider {

    final ClientAndServer identityProvider = MockServers.start();
    final RSAKey providerKey = rsaKey("idp-key-1");

    @Inject
    @Client("/")
    HttpClient http;

    @Override
    public Map<String, String> getProperties() {
        identityProvider.when(request().withPath("/.well-known/jwks.json"))
                .respond(response().withHeader("Content-Type", "application/json")
                        .withBody(new JWKSet(providerKey.toPublicJWK()).toString()));
        return Map.of("micronaut.security.token.jwt.signatures.jwks.idp.url",
                MockServers.url(identityProvider) + "/.well-known/jwks.json");
    }

    @AfterAll
    void stop() {
        identityProvider.stop();
    }

    @Test
    void anRs256TokenFromTheIdentityProviderIsAccepted() {
        HttpResponse<JobView> created = http.toBlocking().exchange(
                HttpRequest.POST("/v1/cases/case-jwks/image-jobs", Cases.body(1, 0))
                        .bearerAuth(sign(providerKey, Scopes.JOBS_WRITE)), JobView.class);
        assertThat(created.getStatus().getCode()).isEqualTo(202);
    }

    @Test
    void anRs256TokenSignedByAnyOtherKeyIsUnauthorized() {
        String forged = sign(rsaKey("idp-key-1"), Scopes.JOBS_WRITE);
        HttpClientResponseException e = catchThrowableOfType(HttpClientResponseException.class,
                () -> http.toBlocking().exchange(HttpRequest.POST("/v1/cases/case-jwks-forged/image-jobs",
                        Cases.body(1, 0)).bearerAuth(forged), Argument.of(String.class), Argument.of(String.class)));
        assertThat(e.getStatus().getCode()).isEqualTo(401);
    }

    private static String sign(RSAKey key, String scope) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject("game-backend").issuer("https://idp.example")
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
                .claim("scope", scope).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    private static RSAKey rsaKey(String id) {
        try {
            return new RSAKeyGenerator(2048).keyID(id).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
