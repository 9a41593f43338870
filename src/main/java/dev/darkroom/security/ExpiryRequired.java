package dev.darkroom.security;

import io.micronaut.security.token.Claims;
import io.micronaut.security.token.jwt.validator.GenericJwtClaimsValidator;
import jakarta.inject.Singleton;

/**
 * Refuses a token without {@code exp}, whoever signed it. Micronaut's own expiration check passes a token that has
 * no {@code exp} at all, and such a token, once leaked, would open the API for ever.
 */
@Singleton
public class ExpiryRequired<T> implements GenericJwtClaimsValidator<T> {

    @Override
    public boolean validate(Claims claims, T request) {
        return claims.get(Claims.EXPIRATION_TIME) != null;
    }
}
