package dev.darkroom.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.security.token.jwt.signature.SignatureConfiguration;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

/**
 * Lets Micronaut Security accept bearer tokens signed with Darkroom's HS256 key: the game backend's own, and
 * poll tokens. Only HS256: a token claiming any other algorithm, or none, fails here. Micronaut calls
 * {@link #verify} without asking {@link #supports} first, and the MAC verifier would check HS384 and HS512 with
 * the same key, so {@code verify} refuses other algorithms itself.
 * Tokens of an identity provider validate through its JWKS, configured on its own.
 */
@Singleton
@Named("darkroom")
public class DarkroomJwtSignature implements SignatureConfiguration {

    private final MACVerifier verifier;

    public DarkroomJwtSignature(JwtKey key) {
        try {
            this.verifier = new MACVerifier(key.bytes());
        } catch (JOSEException e) {
            throw new IllegalStateException("the JWT secret cannot verify HS256 tokens: " + e.getMessage(), e);
        }
    }

    @Override
    public String supportedAlgorithmsMessage() {
        return "Only the HS256 JWS algorithm is supported";
    }

    @Override
    public boolean supports(JWSAlgorithm algorithm) {
        return JWSAlgorithm.HS256.equals(algorithm);
    }

    @Override
    public boolean verify(SignedJWT jwt) throws JOSEException {
        return supports(jwt.getHeader().getAlgorithm()) && jwt.verify(verifier);
    }
}
