package dev.darkroom.intake;

import dev.darkroom.problem.ProblemException;
import dev.darkroom.security.WebhookProperties;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.BasicHttpAttributes;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import io.micronaut.http.filter.ServerFilterPhase;
import org.reactivestreams.Publisher;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Nothing is buffered before it is allowed. The signed endpoints read their whole body to check its signature, so
 * this filter decides from the headers alone, before the server reads the body: without well-formed signature
 * headers a request is refused with 401, a Content-Length over the endpoint's limit with 413, one without a length
 * with 411, and one that does not fit the shared {@link BytesInFlight} budget with 503 and Retry-After.
 * Filters run before the body is bound to {@code @Body byte[]}, and the server reads a body only as fast as it is
 * consumed, so a refused body is drained and dropped, never held.
 */
@Filter(Filter.MATCH_ALL_PATTERN)
public class SignedBodyFilter implements HttpServerFilter {

    private final IntakeProperties limits;
    private final BytesInFlight budget;
    private final Duration tolerance;
    private final Clock clock;
    private final RefusalLog refusals;

    public SignedBodyFilter(IntakeProperties limits, BytesInFlight budget, WebhookProperties webhooks, Clock clock) {
        for (SignedEndpoint endpoint : SignedEndpoint.values()) {
            if (endpoint.limit(limits) > budget.capacity()) {
                throw new ConfigurationException(endpoint.limitSetting() + " (" + endpoint.limit(limits)
                        + " bytes) is larger than darkroom.intake.bytes-in-flight (" + budget.capacity()
                        + " bytes): such a body could never be taken");
            }
        }
        this.limits = limits;
        this.budget = budget;
        this.tolerance = webhooks.tolerance();
        this.clock = clock;
        this.refusals = new RefusalLog(clock, Duration.ofMinutes(1));
    }

    @Override
    public int getOrder() {
        // Before authentication, so that nothing else spends time on a request that will be refused.
        return ServerFilterPhase.SECURITY.before();
    }

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        Optional<SignedEndpoint> signed = SignedEndpoint.of(request.getMethod(),
                BasicHttpAttributes.getUriTemplate(request).orElse(null));
        if (signed.isEmpty()) {
            return chain.proceed(request);
        }
        SignedEndpoint endpoint = signed.get();
        String malformed = endpoint.malformedSignature(request.getHeaders(), clock.instant(), tolerance);
        if (malformed != null) {
            return refuse(endpoint, HttpStatus.UNAUTHORIZED, "unauthorized", malformed, Map.of());
        }
        if (request.getHeaders().contains(HttpHeaders.TRANSFER_ENCODING)) {
            // A signer holds the whole body to sign it, so it knows the length; without it the budget cannot hold it.
            return refuse(endpoint, HttpStatus.LENGTH_REQUIRED, "length-required",
                    "a signed body is sent with its Content-Length", Map.of());
        }
        long length = Math.max(0, request.getContentLength());
        long limit = endpoint.limit(limits);
        if (length > limit) {
            return refuse(endpoint, HttpStatus.REQUEST_ENTITY_TOO_LARGE, "too-large", "a body of " + length
                    + " bytes is over the limit of " + limit + " bytes for POST " + endpoint.route()
                    + " (" + endpoint.limitSetting() + ")", Map.of());
        }
        if (!budget.tryReserve(length)) {
            return refuse(endpoint, HttpStatus.SERVICE_UNAVAILABLE, "busy",
                    "signed bodies in flight fill the budget of " + budget.capacity()
                            + " bytes (darkroom.intake.bytes-in-flight); try again shortly",
                    Map.of(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, limits.retryAfter().toSeconds()))));
        }
        return budget.releaseWhenDone(chain.proceed(request), length);
    }

    private Publisher<MutableHttpResponse<?>> refuse(SignedEndpoint endpoint, HttpStatus status, String type,
                                                     String detail, Map<String, String> headers) {
        refusals.refused(status, endpoint.route(), detail);
        return Publishers.just(new ProblemException(status, type, detail, List.of(), headers));
    }
}
