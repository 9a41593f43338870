package dev.darkroom.callback;

import dev.darkroom.Backoff;
import dev.darkroom.TimeOrderedIds;
import dev.darkroom.job.callback.Callback;
import dev.darkroom.job.callback.CallbackAttempt;
import dev.darkroom.job.callback.CallbackAttemptRepository;
import dev.darkroom.job.callback.CallbackRepository;
import dev.darkroom.job.callback.CallbackStatus;
import dev.darkroom.status.JobQueries;
import dev.darkroom.status.JobView;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionOperations;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Delivers due callbacks. They are claimed in one short transaction (leased like the dispatcher's runs, so a node
 * that dies mid-send leaves them due again once the lease runs out), posted outside any transaction, and each
 * attempt is recorded with what it leads to.
 *
 * <p>Retried with backoff and jitter, or after the backend's Retry-After: no answer (a refused connection, a
 * timeout), 5xx, 429, and the two other "try later" codes 408 and 425. Given up on: 410 (the backend wants no more),
 * any other 3xx or 4xx (the backend refused this request as such, and the same bytes would be refused again; a
 * redeliver sends it once the backend is fixed), and whatever is still failing {@code retry-for} after the end.
 */
@Singleton
@Requires(property = "darkroom.callbacks.enabled", notEquals = "false")
public class CallbackDelivery {

    private static final Logger LOG = LoggerFactory.getLogger(CallbackDelivery.class);

    private final CallbackRepository callbacks;
    private final CallbackAttemptRepository attempts;
    private final JobQueries queries;
    private final CallbackSender sender;
    private final CallbackDestinations destinations;
    private final CallbackProperties properties;
    private final TransactionOperations<Connection> tx;
    private final JsonMapper json;
    private final Clock clock;
    private final ExecutorService executor;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile boolean stopping;

    public CallbackDelivery(CallbackRepository callbacks, CallbackAttemptRepository attempts, JobQueries queries,
                            CallbackSender sender, CallbackDestinations destinations, CallbackProperties properties,
                            TransactionOperations<Connection> tx, JsonMapper json, Clock clock,
                            @Named(TaskExecutors.BLOCKING) ExecutorService executor) {
        this.executor = executor;
        this.callbacks = callbacks;
        this.attempts = attempts;
        this.queries = queries;
        this.sender = sender;
        this.destinations = destinations;
        this.properties = properties;
        this.tx = tx;
        this.json = json;
        this.clock = clock;
    }

    @Scheduled(fixedDelay = "${darkroom.callbacks.poll-interval:1s}",
            initialDelay = "${darkroom.callbacks.poll-interval:1s}")
    void poll() {
        // Attempts wait on the network for up to the timeout each: on a blocking thread, not the scheduler's, and
        // one pass at a time on this node.
        if (running.compareAndSet(false, true)) {
            try {
                executor.execute(() -> {
                    try {
                        deliverDue();
                    } catch (RuntimeException e) {
                        // The callbacks stay due in the database: the next pass takes them. Said through the log,
                        // not left to the thread's default handler (plain text on stderr, even in JSON mode).
                        LOG.warn("callback pass failed; the next one tries again: {}", e.getMessage());
                    } finally {
                        running.set(false);
                    }
                });
            } catch (RuntimeException e) {
                running.set(false);
                throw e;
            }
        }
    }

    @PreDestroy
    void onClose() {
        stopping = true;
    }

    /** One pass: every callback due now gets one attempt. */
    public void deliverDue() {
        if (stopping) {
            return;
        }
        for (Callback callback : claim()) {
            // A slow batch can outlast its lease; past it another node may hold the callback, so it is left alone.
            if (stopping || !clock.instant().isBefore(callback.dueAt())) {
                continue;
            }
            attempt(callback);
        }
    }

    private List<Callback> claim() {
        return tx.executeWrite(status -> {
            Instant now = clock.instant();
            List<Callback> claimed = new ArrayList<>();
            for (Callback due : callbacks.lockDue(now, properties.batchSize())) {
                Callback held = due.claimed(now.plus(properties.lease()));
                if (held.payload() == null) {
                    held = held.withPayload(payloadOf(held));
                }
                claimed.add(callbacks.update(held));
            }
            return claimed;
        });
    }

    /** The event's body, made once: every retry sends and signs the very same bytes. */
    private String payloadOf(Callback callback) {
        JobView view = queries.job(callback.jobId()).map(JobView::of)
                .orElseThrow(() -> new IllegalStateException("callback of a job that is gone: " + callback.jobId()));
        try {
            return json.writeValueAsString(JobFinished.of(view, callback.endedAt()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void attempt(Callback callback) {
        Instant at = clock.instant();
        Optional<String> refusal = destinations.refusal(callback.url());
        CallbackSender.Answer answer = refusal
                .map(reason -> new CallbackSender.Answer(null, null, "not sent: the url " + reason, Duration.ZERO))
                .orElseGet(() -> sender.send(callback.url(), callback.messageId(),
                        callback.payload().getBytes(StandardCharsets.UTF_8)));
        record(callback, at, answer, refusal.isPresent());
    }

    private void record(Callback sent, Instant at, CallbackSender.Answer answer, boolean refused) {
        tx.executeWrite(status -> {
            Optional<Callback> locked = callbacks.lock(sent.jobId());
            // A new end of the job while this was on its way has its own event; this one's answer no longer counts.
            if (locked.isEmpty() || !sent.messageId().equals(locked.get().messageId())) {
                return null;
            }
            Callback current = locked.get();
            Instant next = refused ? null : nextAttempt(current, answer);
            Callback after = answer.accepted() ? current.delivered()
                    : next == null ? current.gaveUp() : current.retryAt(next);
            callbacks.update(after);
            attempts.save(new CallbackAttempt(TimeOrderedIds.next(), sent.jobId(), sent.messageId(), at,
                    answer.statusCode(), answer.error(), answer.took().toMillis(), next));
            callbacks.touchJob(sent.jobId());
            logAttempt(after, answer, next);
            return null;
        });
    }

    /** When to try again, or null when this attempt was the last. */
    private @Nullable Instant nextAttempt(Callback callback, CallbackSender.Answer answer) {
        if (answer.accepted() || !retried(answer.statusCode())) {
            return null;
        }
        Duration wait = answer.retryAfter() != null
                ? min(answer.retryAfter(), properties.maxBackoff())
                : Backoff.before(callback.tries() + 1, properties.initialBackoff(), properties.maxBackoff());
        Instant next = clock.instant().plus(wait);
        return next.isAfter(callback.endedAt().plus(properties.retryFor())) ? null : next;
    }

    static boolean retried(@Nullable Integer statusCode) {
        return statusCode == null || statusCode >= 500 || statusCode == 429 || statusCode == 408
                || statusCode == 425;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static void logAttempt(Callback after, CallbackSender.Answer answer, @Nullable Instant next) {
        String outcome = answer.statusCode() != null ? "answered " + answer.statusCode() : answer.error();
        if (after.status() == CallbackStatus.DELIVERED) {
            LOG.info("callback of job {} delivered ({})", after.jobId(), outcome);
        } else if (next != null) {
            LOG.warn("callback of job {} not delivered ({}); next attempt at {}", after.jobId(), outcome, next);
        } else {
            LOG.warn("callback of job {} given up after {} attempts ({})", after.jobId(), after.tries(), outcome);
        }
    }
}
