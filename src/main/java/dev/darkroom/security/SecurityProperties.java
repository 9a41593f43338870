package dev.darkroom.security;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * Credentials of the public API and of worker runs.
 *
 * @param jwtSecret    HS256 key of callers' tokens and of poll tokens ({@code DARKROOM_JWT_SECRET}), 32+ bytes
 * @param runSecret    key that signs dispatcher-to-worker runs ({@code DARKROOM_RUN_SECRET}), 32+ bytes
 * @param pollTokenTtl lifetime of the poll token returned with a new job
 * @param tokenCacheSize verified bearer tokens a node keeps, so a client polling with one is not verified again
 *                       each time; 0 turns the cache off
 * @param tokenCacheTtl  longest a verified token is kept, however far its expiry
 */
@ConfigurationProperties("darkroom.security")
public record SecurityProperties(
        @Nullable String jwtSecret,
        @Nullable String runSecret,
        @Bindable(defaultValue = "24h") Duration pollTokenTtl,
        @Bindable(defaultValue = "10000") int tokenCacheSize,
        @Bindable(defaultValue = "5m") Duration tokenCacheTtl) {
}
