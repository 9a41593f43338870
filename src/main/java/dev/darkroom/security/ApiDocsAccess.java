package dev.darkroom.security;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.ConfigurationInterceptUrlMapRule;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.rules.SecurityRuleResult;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

/**
 * The OpenAPI document and Swagger UI need a token (intercept-url-map) unless {@code darkroom.api-docs.public} opens
 * them to anyone: they hold no secret, yet a default install answers nothing without a credential, and a browser
 * cannot send a bearer token with a page it navigates to, so a host that wants the UI opens them on purpose.
 */
@Singleton
public class ApiDocsAccess implements SecurityRule<HttpRequest<?>> {

    private final boolean open;

    public ApiDocsAccess(@Value("${darkroom.api-docs.public:false}") boolean open) {
        this.open = open;
    }

    @Override
    public Publisher<SecurityRuleResult> check(HttpRequest<?> request, Authentication authentication) {
        boolean docs = request.getPath().startsWith("/openapi/") || request.getPath().equals("/swagger-ui")
                || request.getPath().startsWith("/swagger-ui/");
        boolean read = request.getMethod() == HttpMethod.GET || request.getMethod() == HttpMethod.HEAD;
        return Publishers.just(open && docs && read ? SecurityRuleResult.ALLOWED : SecurityRuleResult.UNKNOWN);
    }

    /** Before the intercept-url-map, which would refuse an anonymous caller first. */
    @Override
    public int getOrder() {
        return ConfigurationInterceptUrlMapRule.ORDER - 100;
    }
}
