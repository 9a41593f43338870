package dev.darkroom.security;

import dev.darkroom.support.Cases;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Tokens signed with the shared secret: HS256 and nothing else, and always with an expiry. The secret here is long
 * enough for HS384 and HS512 too, so a refusal of those is the service's rule, not a key too short to sign with.
 */
@MicronautTest(transactional = false)
@Property(name = "darkroom.security.jwt-secret", value = SharedSecretTokenRulesTest.SECRET)
class SharedSecretTokenRulesTest {

    static final String SECRET = "a-shared-secret-of-sixty-four-bytes-or-more-for-every-hmac-size!!";

    @Inject
    @Client("/")
    HttpClient http;

    @Test
    void anHs256TokenWithAnExpiryIsAccepted() {
        HttpResponse<String> created = http.toBlocking().exchange(create("case-hs256", JWSAlgorithm.HS256,
                withExpiry()), String.class);
        assertThat(created.getStatus().getCode()).isEqualTo(202);
    }

    @Test
    void anHs256TokenWithoutExpiryIsUnauthorized() {
        assertThat(status(create("case-no-exp", JWSAlgorithm.HS256, withoutExpiry()))).isEqualTo(401);
    }

    @Test
    void hs384AndHs512TokensSignedWithTheSameSecretAreUnauthorized() {
        assertThat(status(create("case-hs384", JWSAlgorithm.HS384, withExpiry()))).isEqualTo(401);
        assertThat(status(create("case-hs512", JWSAlgorithm.HS512, withExpiry()))).isEqualTo(401);
    }

    private static HttpRequest<?> create(String caseId, JWSAlgorithm algorithm, JWTClaimsSet claims) {
        return HttpRequest.POST("/v1/cases/" + caseId + "/image-jobs", Cases.body(1, 0))
                .bearerAuth(sign(algorithm, claims));
    }

    private int status(HttpRequest<?> request) {
        HttpClientResponseException e = catchThrowableOfType(HttpClientResponseException.class,
                () -> http.toBlocking().exchange(request, Argument.of(String.class), Argument.of(String.class)));
        assertThat(e).as("the request should have been refused").isNotNull();
        return e.getStatus().getCode();
    }

    private static JWTClaimsSet withExpiry() {
        Instant now = Instant.now();
        return claims(now).expirationTime(Date.from(now.plus(Duration.ofMinutes(5)))).build();
    }

    private static JWTClaimsSet withoutExpiry() {
        return claims(Instant.now()).build();
    }

    private static JWTClaimsSet.Builder claims(Instant now) {
        return new JWTClaimsSet.Builder().subject("game-backend").issueTime(Date.from(now))
                .notBeforeTime(Date.from(now)).claim("scope", Scopes.JOBS_WRITE);
    }

    private static String sign(JWSAlgorithm algorithm, JWTClaimsSet claims) {
        SignedJWT jwt = new SignedJWT(new JWSHeader(algorithm), claims);
        try {
            jwt.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }
}
