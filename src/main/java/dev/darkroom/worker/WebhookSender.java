package dev.darkroom.worker;

import dev.darkroom.Backoff;
import dev.darkroom.RetryAfter;
import dev.darkroom.TimeOrderedIds;
import dev.darkroom.metrics.WebhookMetrics;
import dev.darkroom.run.SignedRequests;
import dev.darkroom.run.WebhookEvent;
import dev.darkroom.security.OutboundGuard;
import dev.darkroom.security.WebhookKeys;
import dev.darkroom.security.WebhookProperties;
import io.micronaut.core.propagation.PropagatedContext;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.json.JsonMapper;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Delivers signed events to the configured receiver only, never to a URL taken from a request. Connection errors,
 * 5xx and 429 are retried with exponential backoff and jitter (a Retry-After is honoured, capped); the webhook-id
 * stays the same across retries so the receiver can drop a repeat.
 */
@Singleton
public class WebhookSender {

    static final String WORKER_EVENTS_PATH = "/v1/webhooks/worker";
    private static final Logger LOG = LoggerFactory.getLogger(WebhookSender.class);

    private final HttpClient http;
    private final JsonMapper json;
    private final WebhookKeys keys;
    private final WebhookProperties properties;
    private final SignedRequests signatures;
    private final URI target;
    private final ExecutorService senders;
    /** Set when the context closes: a delivery still retrying then stops, instead of trying on a dead context. */
    private volatile boolean closed;
    private final NodeStopping stopping;
    private final WebhookMetrics metrics;

    public WebhookSender(@Client("/") HttpClient http, JsonMapper json, WebhookKeys keys,
                         WebhookProperties properties, SignedRequests signatures, OutboundGuard guard,
                         WebhookMetrics metrics, NodeStopping stopping) {
        this.metrics = metrics;
        this.stopping = stopping;
        this.http = http;
        this.json = json;
        this.keys = keys;
        this.properties = properties;
        this.signatures = signatures;
        String base = properties.receiverUrl();
        this.target = guard.check(base == null || base.isBlank()
                ? URI.create(WORKER_EVENTS_PATH)
                : URI.create(base.replaceAll("/+$", "") + WORKER_EVENTS_PATH));
        AtomicInteger n = new AtomicInteger();
        this.senders = Executors.newFixedThreadPool(properties.senders(), r -> {
            Thread t = new Thread(r, "webhook-sender-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Completes with true once the receiver has the event, false when it was given up on. */
    public CompletableFuture<Boolean> deliver(WebhookEvent event) {
        Supplier<Boolean> delivery = () -> deliverNow(event);
        return CompletableFuture.supplyAsync(PropagatedContext.wrapCurrent(delivery), senders);
    }

    /** Delivers on the calling thread, retrying as configured. */
    public boolean deliverNow(WebhookEvent event) {
        // Time-ordered, so that the receiver's table of seen ids grows at one end instead of at random places.
        String id = "msg_" + TimeOrderedIds.next().replace("-", "");
        byte[] body = toJson(event);
        for (int attempt = 1; ; attempt++) {
            if (closed || stopping.begun()) {
                LOG.debug("{} {} not sent: the node is shutting down; recovery pulls what the receiver lacks",
                        event.type(), id);
                return false;
            }
            Try result = attempt(id, event, body);
            if (result.result() == Try.Result.DELIVERED) {
                LOG.debug("{} {} delivered", event.type(), id);
                metrics.delivered();
                return true;
            }
            if (result.result() == Try.Result.REFUSED || attempt >= properties.maxAttempts()) {
                LOG.error("giving up on {} {} after {} attempts", event.type(), id, attempt);
                metrics.givenUp();
                return false;
            }
            metrics.retried();
            if (!Backoff.pause(result.retryAfter() != null ? result.retryAfter()
                    : Backoff.before(attempt, properties.initialBackoff(), properties.maxBackoff()))) {
                return false;
            }
        }
    }

    /** What one try came to; a retry may carry the receiver's Retry-After. */
    private record Try(Result result, Duration retryAfter) {
        enum Result { DELIVERED, REFUSED, RETRY }

        static final Try DELIVERED = new Try(Result.DELIVERED, null);
        static final Try REFUSED = new Try(Result.REFUSED, null);
        static final Try RETRY = new Try(Result.RETRY, null);

        static Try retryAfter(Duration wait) {
            return new Try(Result.RETRY, wait);
        }
    }

    private Try attempt(String id, WebhookEvent event, byte[] body) {
        HttpRequest<byte[]> request = signatures.sign(HttpRequest.POST(target, body)
                .contentType(MediaType.APPLICATION_JSON_TYPE), id, body, keys.signingKey());
        try {
            HttpResponse<?> response = http.toBlocking().exchange(request);
            return response.getStatus().getCode() < 300 ? Try.DELIVERED : Try.RETRY;
        } catch (HttpClientResponseException e) {
            int status = e.getStatus().getCode();
            if (status == 429 || status >= 500) {
                LOG.warn("receiver answered {} to {}; will retry", status, event.type());
                return retryAfter(e.getResponse()).map(Try::retryAfter).orElse(Try.RETRY);
            }
            LOG.error("receiver refused {} with {}: not retrying", event.type(), status);
            return Try.REFUSED;
        } catch (RuntimeException e) {
            if (!closed && !stopping.begun()) {
                LOG.warn("receiver unreachable for {}: {}; will retry", event.type(), e.getMessage());
            }
            return Try.RETRY;
        }
    }

    private Optional<Duration> retryAfter(HttpResponse<?> response) {
        return RetryAfter.parse(response.getHeaders().get(HttpHeaders.RETRY_AFTER), Instant.now())
                .map(d -> d.compareTo(properties.maxBackoff()) > 0 ? properties.maxBackoff() : d);
    }

    private byte[] toJson(WebhookEvent event) {
        try {
            return json.writeValueAsBytes(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @PreDestroy
    void close() {
        closed = true;
        senders.shutdownNow();
    }
}
