package dev.darkroom.worker;

import dev.darkroom.run.ImageSpec;

import dev.darkroom.run.RunEnded;

import dev.darkroom.run.RunRequest;

import dev.darkroom.Backoff;
import dev.darkroom.provider.GeneratedImage;
import dev.darkroom.provider.ImageNormalizer;
import dev.darkroom.provider.ProviderChain;
import dev.darkroom.provider.ImageRequest;
import dev.darkroom.provider.ProviderException;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventPublisher;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Generates runs: a sliding window of images in flight, a timeout on every provider call that really fires (the
 * call runs on its own thread and is abandoned when late), bounded retries for transient errors, and one event
 * per outcome through the {@link RunReporter}.
 */
@Singleton
@Requires(property = "darkroom.roles.worker", notEquals = "false")
public class RunExecutor {

    private static final Logger LOG = LoggerFactory.getLogger(RunExecutor.class);

    private final ProviderChain chain;
    private final ImageNormalizer normalizer;
    private final RunReporter.Factory reporters;
    private final WorkerProperties properties;
    private final RunRegistry registry;
    private final ApplicationEventPublisher<RunEnded> ended;
    private final Map<String, Future<?>> inFlight = new ConcurrentHashMap<>();
    private volatile boolean stopping;
    private final ExecutorService runThreads = Executors.newCachedThreadPool(named("run"));
    private final ExecutorService imageThreads = Executors.newCachedThreadPool(named("image"));
    private final ExecutorService providerCalls = Executors.newCachedThreadPool(named("provider-call"));
    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(named("heartbeat"));

    public RunExecutor(ProviderChain chain, ImageNormalizer normalizer, RunReporter.Factory reporters,
                       WorkerProperties properties, RunRegistry registry, ApplicationEventPublisher<RunEnded> ended) {
        this.registry = registry;
        this.ended = ended;
        this.chain = chain;
        this.normalizer = normalizer;
        this.reporters = reporters;
        this.properties = properties;
    }

    /** Starts the run unless this worker already has it or is full. */
    public RunRegistry.Admission start(RunRequest request) {
        return registry.admit(request, run -> runThreads.execute(() -> {
            try {
                execute(run);
            } catch (RuntimeException e) {
                if (stopping) {
                    LOG.info("run {} of job {} cut short by shutdown; recovery will dispatch its open images again",
                            request.runId(), request.jobId());
                } else {
                    LOG.error("run {} of job {} stopped unexpectedly", request.runId(), request.jobId(), e);
                }
                registry.forget(request.runId());
            } finally {
                announceEnd(request);
            }
        }));
    }

    /** Tells this node's dispatcher that a slot is free; a node that is stopping has no dispatcher left to tell. */
    private void announceEnd(RunRequest request) {
        if (stopping) {
            return;
        }
        try {
            ended.publishEvent(new RunEnded(request.jobId(), request.runId()));
        } catch (RuntimeException e) {
            // The context began to close after the check above: nobody is left to wake.
            LOG.debug("end of run {} not announced: {}", request.runId(), e.getMessage());
        }
    }

    /**
     * Stops a run: no image starts any more and those in flight are interrupted. Nothing more is reported for it;
     * the job was ended by whoever asked.
     */
    public boolean cancel(String runId) {
        Optional<Run> run = registry.find(runId);
        run.ifPresent(r -> {
            r.cancel();
            inFlight.entrySet().stream().filter(e -> e.getKey().startsWith(runId + "/"))
                    .forEach(e -> e.getValue().cancel(true));
            // r.cancel() above interrupted the threads waiting on rate limits and backoffs.
            LOG.info("run {} of job {} canceled", runId, r.request().jobId());
        });
        return run.isPresent();
    }

    private void execute(Run state) {
        RunRequest run = state.request();
        RunReporter reporter = reporters.forRun(state);
        LOG.info("run {} of job {} (case {}) started: {} images, {} at a time", run.runId(), run.jobId(),
                run.caseId(), run.images().size(), properties.concurrency());
        reporter.started();
        long interval = properties.heartbeatInterval().toMillis();
        ScheduledFuture<?> heartbeat = heartbeats.scheduleAtFixedRate(reporter::heartbeat, interval, interval,
                TimeUnit.MILLISECONDS);
        try {
            Semaphore window = new Semaphore(properties.concurrency());
            List<CompletableFuture<Void>> images = new ArrayList<>();
            for (ImageSpec item : run.images()) {
                window.acquireUninterruptibly();
                if (state.canceled()) {
                    window.release();
                    break;
                }
                images.add(CompletableFuture.runAsync(() -> {
                    state.enter();
                    try {
                        generate(state, item, reporter);
                    } finally {
                        state.leave();
                        Thread.interrupted(); // a cancel's interrupt must not outlive this image on a pooled thread
                        window.release();
                    }
                }, imageThreads));
            }
            CompletableFuture.allOf(images.toArray(CompletableFuture[]::new)).join();
        } finally {
            heartbeat.cancel(false);
        }
        if (state.canceled()) {
            return;
        }
        state.finish();
        reporter.finished();
        LOG.info("run {} of job {} finished", run.runId(), run.jobId());
    }

    private void generate(Run state, ImageSpec item, RunReporter reporter) {
        RunRequest run = state.request();
        ImageRequest request = new ImageRequest(run.jobId(), run.runId(), item);
        List<ProviderChain.Route> routes = chain.routes();
        ProviderException last = null;
        for (int i = 0; i < routes.size(); i++) {
            ProviderChain.Route route = routes.get(i);
            boolean lastResort = i == routes.size() - 1;
            // The last provider is tried even with its circuit open: there is nowhere else to go.
            if (!lastResort && route.circuitOpen()) {
                LOG.info("image {} of job {}: circuit of {} is open, trying the next provider", item.imageId(),
                        run.jobId(), route.name());
                continue;
            }
            try {
                GeneratedImage image = generateWith(route, lastResort, state, item, request);
                if (!stopping && !state.canceled()) {
                    reporter.imageSucceeded(item, image, route.name(), route.pricePerImage());
                }
                return;
            } catch (ProviderException e) {
                last = e;
                if (!e.retryable() || stopping || state.canceled() || Thread.currentThread().isInterrupted()) {
                    break;
                }
                if (!lastResort) {
                    LOG.warn("image {} of job {} (case {}): {} still failing ({}), trying the next provider",
                            item.imageId(), run.jobId(), run.caseId(), route.name(), e.code());
                }
            }
        }
        if (stopping || state.canceled() || Thread.currentThread().isInterrupted()) {
            // Not the image's fault: say nothing, so that a new attempt generates it instead of failing it.
            return;
        }
        if (last == null) {
            last = ProviderException.transientFailure("no_provider", "no provider could take the image");
        }
        reporter.imageFailed(item, last);
    }

    /** One provider's tries at one image: the first call and its retries of transient failures. */
    private GeneratedImage generateWith(ProviderChain.Route route, boolean lastResort, Run state,
                                        ImageSpec item, ImageRequest request) {
        RunRequest run = state.request();
        String key = run.runId() + "/" + item.imageId();
        ProviderException last = null;
        for (int attempt = 0; attempt <= properties.maxRetries(); attempt++) {
            if (state.canceled()) {
                throw ProviderException.refusal("interrupted", "the run was canceled");
            }
            if (attempt > 0) {
                Duration asked = last.retryAfter();
                boolean longWait = asked != null && asked.compareTo(properties.imageTimeout()) > 0;
                // A provider that is down, or wants more than an image's timeout of quiet, is left for the next.
                if (!lastResort && (route.circuitOpen() || longWait)) {
                    throw last;
                }
                Duration wait = asked != null
                        ? min(longWait ? properties.imageTimeout() : asked, properties.maxRetryAfter())
                        : Backoff.before(attempt, properties.retryBackoff(), properties.imageTimeout());
                Backoff.pause(wait);
            }
            try {
                return normalizer.normalize(route.generate(request, r -> callWithTimeout(key, route, r)));
            } catch (ProviderException e) {
                last = e;
                LOG.warn("image {} of job {} (case {}) attempt {} with {} failed: {} {}", item.imageId(),
                        run.jobId(), run.caseId(), attempt + 1, route.name(), e.code(), e.getMessage());
                if (!e.retryable() || stopping || state.canceled() || Thread.currentThread().isInterrupted()) {
                    throw e;
                }
            } catch (RuntimeException e) {
                ProviderException unusable = ProviderException.refusal("bad_output",
                        "the provider's output could not be used: " + e.getMessage());
                LOG.warn("image {} of job {} (case {}) from {}: {}", item.imageId(), run.jobId(), run.caseId(),
                        route.name(), unusable.getMessage());
                throw unusable;
            }
        }
        throw last;
    }

    private GeneratedImage callWithTimeout(String key, ProviderChain.Route route, ImageRequest request) {
        Future<GeneratedImage> call = providerCalls.submit(() -> route.provider().generate(request));
        inFlight.put(key, call);
        try {
            return call.get(properties.imageTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            call.cancel(true);
            throw ProviderException.transientFailure("timeout", "no image within " + properties.imageTimeout());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ProviderException p) {
                throw p;
            }
            throw ProviderException.transientFailure("provider_error", String.valueOf(e.getCause()));
        } catch (InterruptedException | java.util.concurrent.CancellationException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            throw ProviderException.refusal("interrupted", "the run was stopped");
        } finally {
            inFlight.remove(key);
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static java.util.concurrent.ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    @PreDestroy
    void stop() {
        stopping = true;
        heartbeats.shutdownNow();
        providerCalls.shutdownNow();
        imageThreads.shutdownNow();
        runThreads.shutdownNow();
    }
}
