package dev.darkroom.security;

import dev.darkroom.Sha256;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.Claims;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tokens this node has verified (signature, claims), so that a client polling with the same token every few
 * seconds is not parsed and verified again each time: the parse and check were the largest share of a poll's cost.
 * Keyed by the token's SHA-256; only a token that passed every check is kept, and only while its {@code nbf} and
 * {@code exp} hold on Darkroom's clock, for at most {@code darkroom.security.token-cache-ttl}. Bounded in entries.
 */
@Singleton
public class VerifiedTokens {

    private record Verified(Authentication authentication, TokenTimes times, Instant keptUntil) {
    }

    private final Map<String, Verified> byHash = new ConcurrentHashMap<>();
    private final Clock clock;
    private final int maxEntries;
    private final Duration ttl;

    public VerifiedTokens(Clock clock, SecurityProperties properties) {
        this.clock = clock;
        this.maxEntries = properties.tokenCacheSize();
        this.ttl = properties.tokenCacheTtl();
    }

    /** The caller of a token verified before, if it may still be used now. */
    public Optional<Authentication> get(String token) {
        if (maxEntries <= 0) {
            return Optional.empty();
        }
        String key = key(token);
        Verified verified = byHash.get(key);
        if (verified == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (!verified.times().holdAt(now) || now.isAfter(verified.keptUntil())) {
            byHash.remove(key, verified);
            return Optional.empty();
        }
        return Optional.of(verified.authentication());
    }

    /** Keeps a token that has just passed every check; one without an expiry is never kept. */
    public void keep(String token, Authentication authentication) {
        Map<String, Object> claims = authentication.getAttributes();
        TokenTimes times = new TokenTimes(TokenTimes.claim(claims.get(Claims.NOT_BEFORE)),
                TokenTimes.claim(claims.get(Claims.EXPIRATION_TIME)));
        Instant now = clock.instant();
        if (maxEntries <= 0 || times.expiresAt() == null || !times.holdAt(now)) {
            return;
        }
        if (byHash.size() >= maxEntries) {
            makeRoom(now);
        }
        byHash.put(key(token), new Verified(authentication, times, now.plus(ttl)));
    }

    int size() {
        return byHash.size();
    }

    /** Drops what has run out; if the cache is still full, drops entries until a tenth of it is free. */
    private void makeRoom(Instant now) {
        byHash.values().removeIf(v -> !v.times().holdAt(now) || now.isAfter(v.keptUntil()));
        Iterator<String> keys = byHash.keySet().iterator();
        while (byHash.size() > maxEntries * 9 / 10 && keys.hasNext()) {
            keys.next();
            keys.remove();
        }
    }

    private static String key(String token) {
        return Sha256.hex(token.getBytes(StandardCharsets.UTF_8));
    }
}
