package dev.darkroom.security;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.server.util.HttpHostResolver;
import io.micronaut.http.server.util.locale.HttpLocaleResolver;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.event.TokenValidatedEvent;
import io.micronaut.security.filters.SecurityFilter;
import io.micronaut.security.token.TokenAuthenticationFetcher;
import io.micronaut.security.token.reader.TokenResolver;
import io.micronaut.security.token.validator.TokenValidator;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

import java.util.List;
import java.util.Optional;

/**
 * Micronaut's bearer-token authentication, with {@link VerifiedTokens} in front: a token verified before and still
 * within its times is taken as it was verified; any other goes through every validator, as without the cache, and
 * is kept only once it passed. Its {@code TokenValidatedEvent} was published when it was first verified.
 */
@Singleton
@Replaces(TokenAuthenticationFetcher.class)
public class CachedTokenAuthentication extends TokenAuthenticationFetcher {

    private final TokenResolver<HttpRequest<?>> resolver;
    private final VerifiedTokens verified;

    @Inject
    public CachedTokenAuthentication(List<TokenValidator<HttpRequest<?>>> validators,
                                     TokenResolver<HttpRequest<?>> resolver,
                                     ApplicationEventPublisher<TokenValidatedEvent> events,
                                     HttpHostResolver hosts, HttpLocaleResolver locales,
                                     VerifiedTokens verified) {
        super(validators, resolver, events, hosts, locales);
        this.resolver = resolver;
        this.verified = verified;
    }

    @Override
    public Publisher<Authentication> fetchAuthentication(HttpRequest<?> request) {
        List<String> tokens = resolver.resolveTokens(request);
        if (tokens != null && !tokens.isEmpty()) {
            String token = tokens.get(0);
            Optional<Authentication> known = verified.get(token);
            if (known.isPresent()) {
                request.setAttribute(SecurityFilter.TOKEN, token);
                return Publishers.just(known.get());
            }
        }
        return Publishers.map(super.fetchAuthentication(request), authentication -> {
            request.getAttribute(SecurityFilter.TOKEN, String.class)
                    .ifPresent(token -> verified.keep(token, authentication));
            return authentication;
        });
    }
}
