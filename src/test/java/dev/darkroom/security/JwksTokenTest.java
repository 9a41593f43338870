package dev.darkroom.security;

import dev.darkroom.status.JobView;
import dev.darkroom.support.Cases;
import dev.darkroom.support.MockServers;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
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
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockserver.model.HttpRequest.request;
import static org.mockserver.model.HttpResponse.response;

/**
 * A game backend whose identity provider signs its tokens, with keys published as a JWKS document: RS256 and ES256
 * are accepted, other algorithms the same keys could make are not, and every token must expire.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JwksTokenTest implements TestPropertyProvider {

    final ClientAndServer identityProvider = MockServers.start();
    final RSAKey providerKey = rsaKey("idp-key-1");
    final ECKey providerEcKey = ecKey("idp-key-ec");

    @Inject
    @Client("/")
    HttpClient http;

    @Override
    public Map<String, String> getProperties() {
        identityProvider.when(request().withPath("/.well-known/jwks.json"))
                .respond(response().withHeader("Content-Type", "application/json")
                        .withBody(new JWKSet(List.<JWK>of(providerKey.toPublicJWK(), providerEcKey.toPublicJWK()))
                                .toString()));
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
    void anEs256TokenFromTheIdentityProviderIsAccepted() {
        HttpResponse<JobView> created = http.toBlocking().exchange(
                HttpRequest.POST("/v1/cases/case-jwks-ec/image-jobs", Cases.body(1, 0))
                        .bearerAuth(sign(JWSAlgorithm.ES256, providerEcKey, expiring())), JobView.class);
        assertThat(created.getStatus().getCode()).isEqualTo(202);
    }

    @Test
    void anRs256TokenSignedByAnyOtherKeyIsUnauthorized() {
        String forged = sign(rsaKey("idp-key-1"), Scopes.JOBS_WRITE);
        assertThat(status("case-jwks-forged", forged)).isEqualTo(401);
    }

    @Test
    void aTokenFromTheIdentityProviderWithoutExpiryIsUnauthorized() {
        JWTClaimsSet noExpiry = claims(Scopes.JOBS_WRITE).build();
        assertThat(status("case-jwks-no-exp", sign(JWSAlgorithm.RS256, providerKey, noExpiry))).isEqualTo(401);
        assertThat(status("case-jwks-ec-no-exp", sign(JWSAlgorithm.ES256, providerEcKey, noExpiry))).isEqualTo(401);
    }

    @Test
    void otherAlgorithmsTheProvidersKeyCanSignAreUnauthorized() {
        for (JWSAlgorithm algorithm : List.of(JWSAlgorithm.RS384, JWSAlgorithm.RS512, JWSAlgorithm.PS256)) {
            assertThat(status("case-jwks-" + algorithm.getName().toLowerCase(),
                    sign(algorithm, providerKey, expiring()))).as(algorithm.getName()).isEqualTo(401);
        }
    }

    private int status(String caseId, String token) {
        HttpClientResponseException e = catchThrowableOfType(HttpClientResponseException.class,
                () -> http.toBlocking().exchange(HttpRequest.POST("/v1/cases/" + caseId + "/image-jobs",
                        Cases.body(1, 0)).bearerAuth(token), Argument.of(String.class), Argument.of(String.class)));
        assertThat(e).as("the token should have been refused").isNotNull();
        return e.getStatus().getCode();
    }

    private static String sign(RSAKey key, String scope) {
        return sign(JWSAlgorithm.RS256, key, expiring());
    }

    private static JWTClaimsSet expiring() {
        return claims(Scopes.JOBS_WRITE).expirationTime(Date.from(Instant.now().plus(Duration.ofMinutes(5)))).build();
    }

    private static JWTClaimsSet.Builder claims(String scope) {
        return new JWTClaimsSet.Builder().subject("game-backend").issuer("https://idp.example")
                .issueTime(Date.from(Instant.now())).claim("scope", scope);
    }

    private static String sign(JWSAlgorithm algorithm, JWK key, JWTClaimsSet claims) {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(key.getKeyID()).build(), claims);
        try {
            JWSSigner signer = key instanceof RSAKey rsa ? new RSASSASigner(rsa) : new ECDSASigner((ECKey) key);
            jwt.sign(signer);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    private static ECKey ecKey(String id) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(id).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAKey rsaKey(String id) {
        try {
            return new RSAKeyGenerator(2048).keyID(id).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
