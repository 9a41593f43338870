package dev.darkroom.security;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.security.token.jwt.signature.jwks.DefaultJwkValidator;
import jakarta.inject.Singleton;

import java.util.Set;

/**
 * Tokens from the identity provider's JWKS are accepted signed with RS256 or ES256 only, as docs/security.md
 * says. Micronaut's default accepts any algorithm the key type allows (RS512, PS256, ...); a short list keeps the
 * door to exactly the algorithms the operator agreed to.
 */
@Singleton
@Replaces(DefaultJwkValidator.class)
public class IdentityProviderAlgorithms extends DefaultJwkValidator {

    static final Set<JWSAlgorithm> ACCEPTED = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256);

    @Override
    public boolean validate(SignedJWT jwt, JWK jwk) {
        return ACCEPTED.contains(jwt.getHeader().getAlgorithm()) && super.validate(jwt, jwk);
    }
}
