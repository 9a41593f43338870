package dev.darkroom.security;

import com.nimbusds.jwt.JWTClaimsSet;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.util.StringUtils;
import io.micronaut.security.token.jwt.validator.NotBeforeJwtClaimsValidator;
import jakarta.inject.Singleton;

import java.time.Clock;

/** Micronaut's {@code nbf} check on Darkroom's clock, for the reason {@link ClockedExpiration} gives. */
@Singleton
@Replaces(NotBeforeJwtClaimsValidator.class)
@Requires(property = NotBeforeJwtClaimsValidator.NOT_BEFORE_PROP, value = StringUtils.TRUE)
public class ClockedNotBefore<T> extends NotBeforeJwtClaimsValidator<T> {

    private final Clock clock;

    public ClockedNotBefore(Clock clock) {
        this.clock = clock;
    }

    @Override
    protected boolean validate(JWTClaimsSet claims) {
        return new TokenTimes(TokenTimes.of(claims.getNotBeforeTime()), null).holdAt(clock.instant());
    }
}
