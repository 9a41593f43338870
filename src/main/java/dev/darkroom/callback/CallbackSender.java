package dev.darkroom.callback;

import dev.darkroom.RetryAfter;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One attempt at posting a signed event, on the calling thread and outside any transaction. Redirects are never
 * followed: a backend that answers 3xx has not taken the event, and a redirect could point anywhere.
 */
@Singleton
public class CallbackSender {

    /** What came of an attempt: an answer's status and Retry-After, or what went wrong before any answer. */
    public record Answer(@Nullable Integer statusCode, @Nullable Duration retryAfter, @Nullable String error,
                         Duration took) {

        public boolean accepted() {
            return statusCode != null && statusCode >= 200 && statusCode < 300;
        }
    }

    private final HttpClient http;
    private final CallbackKeys keys;
    private final CallbackProperties properties;
    private final Clock clock;

    public CallbackSender(CallbackKeys keys, CallbackProperties properties, Clock clock) {
        this.keys = keys;
        this.properties = properties;
        this.clock = clock;
        this.http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(properties.timeout())
                .build();
    }

    public Answer send(String url, String messageId, byte[] body) {
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(properties.timeout())
                .header("content-type", "application/json")
                .header("user-agent", "Darkroom-Callbacks")
                .header("webhook-id", messageId)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", keys.sign(messageId, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        long started = System.nanoTime();
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            Instant now = clock.instant();
            Optional<Duration> retryAfter = RetryAfter.parse(response.headers().firstValue("retry-after")
                    .orElse(null), now);
            return new Answer(response.statusCode(), retryAfter.orElse(null), null, since(started));
        } catch (IOException e) {
            return new Answer(null, null, e.getClass().getSimpleName() + ": " + e.getMessage(), since(started));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(null, null, "interrupted", since(started));
        }
    }

    private static Duration since(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }
}
