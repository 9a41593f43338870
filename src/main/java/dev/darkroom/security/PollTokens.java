package dev.darkroom.security;

import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.List;

/** Issues the short-lived token that lets one player's client read one job and its images. */
@Singleton
public class PollTokens {

    private final JwtKey key;
    private final SecurityProperties properties;
    private final Clock clock;

    public PollTokens(JwtKey key, SecurityProperties properties, Clock clock) {
        this.key = key;
        this.properties = properties;
        this.clock = clock;
    }

    public String issue(String jobId) {
        return TokenMinter.mint(key.bytes(), "job:" + jobId, List.of(Scopes.oneJob(jobId)),
                properties.pollTokenTtl(), clock.instant());
    }
}
