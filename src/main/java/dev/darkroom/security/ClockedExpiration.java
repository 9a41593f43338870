package dev.darkroom.security;

import com.nimbusds.jwt.JWTClaimsSet;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.util.StringUtils;
import io.micronaut.security.token.jwt.validator.ExpirationJwtClaimsValidator;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * Micronaut's {@code exp} check on Darkroom's clock instead of the system's, so that a token read fresh and one
 * served from {@link VerifiedTokens} end at the same moment, in production and in a test that moves the clock.
 */
@Singleton
@Replaces(ExpirationJwtClaimsValidator.class)
@Requires(property = "micronaut.security.token.jwt.claims-validators.expiration", notEquals = StringUtils.FALSE)
public class ClockedExpiration<T> extends ExpirationJwtClaimsValidator<T> {

    private final Clock clock;

    public ClockedExpiration(Clock clock) {
        this.clock = clock;
    }

    @Override
    protected boolean validate(JWTClaimsSet claims) {
        return new TokenTimes(null, TokenTimes.of(claims.getExpirationTime())).holdAt(clock.instant());
    }
}
