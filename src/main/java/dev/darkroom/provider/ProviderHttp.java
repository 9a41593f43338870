package dev.darkroom.provider;

import dev.darkroom.RetryAfter;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.http.client.exceptions.ReadTimeoutException;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What every HTTP adapter needs: one call with its own deadline, whatever status comes back, connection trouble
 * classed as transient, and the headers providers use to say when to come back.
 */
public final class ProviderHttp {

    private static final Pattern GO_DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|h|m|s)");

    private final HttpClient http;
    private final JsonMapper json;
    private final String provider;

    public ProviderHttp(HttpClient http, JsonMapper json, String provider) {
        this.http = http;
        this.json = json;
        this.provider = provider;
    }

    /** A provider's answer, error statuses included. */
    public record Answer(int status, HttpHeaders headers, byte[] body) {

        public boolean ok() {
            return status >= 200 && status < 300;
        }

        public Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name));
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** Sends the request and waits at most {@code timeout}; only a failure to get any answer throws. */
    public Answer send(MutableHttpRequest<?> request, Duration timeout) {
        CompletableFuture<HttpResponse<byte[]>> result = new CompletableFuture<>();
        AtomicReference<Subscription> subscription = new AtomicReference<>();
        http.exchange(request, Argument.of(byte[].class), Argument.of(byte[].class))
                .subscribe(new Subscriber<HttpResponse<byte[]>>() {
                    @Override
                    public void onSubscribe(Subscription s) {
                        subscription.set(s);
                        s.request(1);
                    }

                    @Override
                    public void onNext(HttpResponse<byte[]> response) {
                        result.complete(response);
                    }

                    @Override
                    public void onError(Throwable t) {
                        result.completeExceptionally(t);
                    }

                    @Override
                    public void onComplete() {
                        result.complete(null);
                    }
                });
        try {
            HttpResponse<byte[]> response = result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (response == null) {
                throw ProviderException.transientFailure("unavailable", provider + " sent no response");
            }
            return new Answer(response.code(), response.getHeaders(), response.getBody().orElse(new byte[0]));
        } catch (TimeoutException e) {
            cancel(subscription);
            throw ProviderException.transientFailure("timeout", provider + " did not answer within " + timeout);
        } catch (InterruptedException e) {
            cancel(subscription);
            Thread.currentThread().interrupt();
            throw ProviderException.refusal("interrupted", "the call to " + provider + " was abandoned");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof HttpClientResponseException rejected) {
                HttpResponse<?> response = rejected.getResponse();
                byte[] body = response.getBody(byte[].class).orElse(new byte[0]);
                return new Answer(rejected.getStatus().getCode(), response.getHeaders(), body);
            }
            if (cause instanceof ReadTimeoutException) {
                throw ProviderException.transientFailure("timeout", provider + " stopped sending: "
                        + cause.getMessage());
            }
            throw ProviderException.transientFailure("unavailable", provider + " unreachable: " + cause);
        }
    }

    private static void cancel(AtomicReference<Subscription> subscription) {
        Subscription s = subscription.get();
        if (s != null) {
            s.cancel();
        }
    }

    public byte[] toJson(Object body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The body as a JSON tree, or empty when it is not JSON. */
    public Optional<JsonNode> parse(byte[] body) {
        if (body == null || body.length == 0) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(json.readValue(body, JsonNode.class));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** {@code retry-after-ms}, then {@code retry-after} in seconds or as an HTTP date. */
    public static Optional<Duration> retryAfter(HttpHeaders headers) {
        String millis = headers.get("retry-after-ms");
        if (millis != null) {
            try {
                return Optional.of(Duration.ofMillis(Math.max(0, (long) Double.parseDouble(millis.trim()))));
            } catch (NumberFormatException ignored) {
                // fall through to retry-after
            }
        }
        return RetryAfter.parse(headers.get("retry-after"), Instant.now());
    }

    /** Durations as providers write them: {@code 21s}, {@code 1.5s}, {@code 6m0s}, {@code 250ms}. */
    public static Optional<Duration> duration(@Nullable String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        Matcher m = GO_DURATION.matcher(text.trim());
        long nanos = 0;
        int end = 0;
        while (m.find()) {
            if (m.start() != end) {
                return Optional.empty();
            }
            double amount = Double.parseDouble(m.group(1));
            nanos += (long) (amount * switch (m.group(2)) {
                case "h" -> 3_600_000_000_000d;
                case "m" -> 60_000_000_000d;
                case "s" -> 1_000_000_000d;
                default -> 1_000_000d;
            });
            end = m.end();
        }
        return end == text.trim().length() && end > 0 ? Optional.of(Duration.ofNanos(nanos)) : Optional.empty();
    }

    /** A text field of a JSON object, or null. */
    @Nullable
    public static String text(@Nullable JsonNode node, String field) {
        if (node == null || !node.isObject()) {
            return null;
        }
        JsonNode value = node.get(field);
        return value != null && value.isString() ? value.getStringValue() : null;
    }
}
