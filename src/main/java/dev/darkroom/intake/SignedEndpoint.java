package dev.darkroom.intake;

import dev.darkroom.provider.fal.FalCallbackController;
import dev.darkroom.provider.fal.FalWebhookVerifier;
import dev.darkroom.run.SignedRequests;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.ToLongFunction;

/**
 * The endpoints whose body is signed, each with the route it answers, its size limit and the signature headers
 * without which its body is not worth reading. The route is the matched URI template, not the raw path, so that a
 * trailing slash or an encoded character cannot walk around the guard.
 */
enum SignedEndpoint {

    WORKER_EVENT("/v1/webhooks/worker", "darkroom.intake.worker-event", IntakeProperties::workerEvent,
            Scheme.STANDARD_WEBHOOKS),
    RUN("/internal/runs", "darkroom.intake.run", IntakeProperties::run, Scheme.STANDARD_WEBHOOKS),
    REPLICATE_CALLBACK("/v1/webhooks/providers/replicate", "darkroom.intake.provider-callback",
            IntakeProperties::providerCallback, Scheme.STANDARD_WEBHOOKS),
    FAL_CALLBACK(FalCallbackController.ROUTE, "darkroom.intake.provider-callback",
            IntakeProperties::providerCallback, Scheme.FAL);

    private final String route;
    private final String limitSetting;
    private final ToLongFunction<IntakeProperties> limit;
    private final Scheme scheme;

    SignedEndpoint(String route, String limitSetting, ToLongFunction<IntakeProperties> limit, Scheme scheme) {
        this.route = route;
        this.limitSetting = limitSetting;
        this.limit = limit;
        this.scheme = scheme;
    }

    static Optional<SignedEndpoint> of(HttpMethod method, @Nullable String uriTemplate) {
        if (method != HttpMethod.POST || uriTemplate == null) {
            return Optional.empty();
        }
        return Arrays.stream(values()).filter(endpoint -> endpoint.route.equals(uriTemplate)).findFirst();
    }

    String route() {
        return route;
    }

    String limitSetting() {
        return limitSetting;
    }

    long limit(IntakeProperties properties) {
        return limit.applyAsLong(properties);
    }

    /** Why the signature headers cannot be genuine, or null if they are worth checking against the body. */
    @Nullable
    String malformedSignature(HttpHeaders headers, Instant now, Duration tolerance) {
        return scheme.malformed(headers, now, tolerance);
    }

    private enum Scheme {
        /** Worker events, runs and Replicate: webhook-id, webhook-timestamp, webhook-signature ("v1,<base64>"). */
        STANDARD_WEBHOOKS(List.of(SignedRequests.ID, SignedRequests.TIMESTAMP, SignedRequests.SIGNATURE),
                SignedRequests.TIMESTAMP, SignedRequests.SIGNATURE) {
            @Override
            boolean signatureShaped(String value) {
                return value.contains("v1,");
            }
        },
        /** fal's own scheme, as {@link FalWebhookVerifier} defines it. */
        FAL(FalWebhookVerifier.HEADERS, FalWebhookVerifier.TIMESTAMP, FalWebhookVerifier.SIGNATURE) {
            @Override
            boolean signatureShaped(String value) {
                return FalWebhookVerifier.signatureShaped(value);
            }
        };

        private final List<String> required;
        private final String timestamp;
        private final String signature;

        Scheme(List<String> required, String timestamp, String signature) {
            this.required = required;
            this.timestamp = timestamp;
            this.signature = signature;
        }

        abstract boolean signatureShaped(String value);

        @Nullable
        String malformed(HttpHeaders headers, Instant now, Duration tolerance) {
            for (String name : required) {
                String value = headers.get(name);
                if (value == null || value.isBlank()) {
                    return String.join(", ", required) + " are required";
                }
            }
            String stale = SignedRequests.staleness(timestamp, headers.get(timestamp), now, tolerance);
            if (stale != null) {
                return stale;
            }
            if (!signatureShaped(headers.get(signature))) {
                return signature + " is not a signature";
            }
            return null;
        }
    }
}
