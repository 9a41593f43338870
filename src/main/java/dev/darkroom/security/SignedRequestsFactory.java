package dev.darkroom.security;

import dev.darkroom.run.SignedRequests;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.time.Clock;

/** The one signer and verifier of requests between roles, with the tolerance of {@code darkroom.webhook}. */
@Factory
public class SignedRequestsFactory {

    @Singleton
    SignedRequests signedRequests(WebhookProperties properties, Clock clock) {
        return new SignedRequests(properties.tolerance(), clock);
    }
}
