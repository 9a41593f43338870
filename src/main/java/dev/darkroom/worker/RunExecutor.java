package dev.darkroom.worker;

import dev.darkroom.StopRequested;
import dev.darkroom.metrics.ImageMetrics;
import dev.darkroom.observe.JobContext;
import dev.darkroom.provider.ImageRequest;
import dev.darkroom.run.ImageSpec;
import dev.darkroom.run.RunEnded;
import dev.darkroom.run.RunRequest;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.propagation.PropagatedContext;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Generates runs: a sliding window of images in flight, each image through the {@link Failover} of the provider
 * chain, one event per outcome through the {@link RunReporter}. Each run has one {@link RunToken}; a cancel, a
 * drain and a shutdown all act on it.
 *
 * <p>A drain (SIGTERM) starts no image any more, lets those in flight finish and their events reach the receiver,
 * for {@code darkroom.worker.drain-timeout} at most; the images not started are left to recovery, which sends them
 * again once the run has gone quiet, so none is paid for twice.
 */
@Singleton
@Requires(property = "darkroom.roles.worker", notEquals = "false")
public class RunExecutor {

    /** Names of the executors in micronaut.executors: one thread per run, per image, and the heartbeats. */
    static final String RUNS = "darkroom-runs";
    static final String IMAGES = "darkroom-images";
    static final String HEARTBEATS = "darkroom-heartbeats";
    private static final Logger LOG = LoggerFactory.getLogger(RunExecutor.class);

    private final Failover failover;
    private final RunReporter.Factory reporters;
    private final WorkerProperties properties;
    private final RunRegistry registry;
    private final ApplicationEventPublisher<RunEnded> ended;
    private final ExecutorService runThreads;
    private final ExecutorService imageThreads;
    private final ScheduledExecutorService heartbeats;
    private final ImageMetrics metrics;
    /** Runs whose thread has not ended yet, and the future that completes when it does. */
    private final Map<Run, CompletableFuture<Void>> going = new ConcurrentHashMap<>();
    private volatile boolean closing;

    public RunExecutor(Failover failover, RunReporter.Factory reporters, WorkerProperties properties,
                       RunRegistry registry, ApplicationEventPublisher<RunEnded> ended,
                       @Named(RUNS) ExecutorService runThreads, @Named(IMAGES) ExecutorService imageThreads,
                       @Named(HEARTBEATS) ExecutorService heartbeats, ImageMetrics metrics) {
        this.metrics = metrics;
        this.failover = failover;
        this.reporters = reporters;
        this.properties = properties;
        this.registry = registry;
        this.ended = ended;
        this.runThreads = runThreads;
        this.imageThreads = imageThreads;
        // Micronaut exposes every executor as an ExecutorService; a scheduled one is a ScheduledExecutorService.
        if (!(heartbeats instanceof ScheduledExecutorService scheduled)) {
            throw new ConfigurationException("micronaut.executors." + HEARTBEATS + ".type must be scheduled");
        }
        this.heartbeats = scheduled;
    }

    /** Starts the run unless this worker already has it, is full, or is draining. */
    public RunRegistry.Admission start(RunRequest request) {
        return registry.admit(request, run -> {
            CompletableFuture<Void> end = new CompletableFuture<>();
            going.put(run, end);
            // The run's threads, and every task they hand on, log with its job's fields and join its trace.
            runThreads.execute(JobContext.of(request.jobId(), request.caseId(), request.runId())
                    .wrap(() -> runToEnd(run, end)));
        });
    }

    /**
     * Stops a run: no image starts any more and those in flight are interrupted. Nothing more is reported for it;
     * the job was ended by whoever asked.
     */
    public boolean cancel(String runId) {
        return registry.find(runId).map(run -> {
            run.cancel();
            try (PropagatedContext.Scope ignored = JobContext.of(run.request().jobId(), run.request().caseId(),
                    runId).propagate()) {
                LOG.info("run canceled");
            }
            return run;
        }).isPresent();
    }

    /** SIGTERM: drain, then let the process stop. */
    @EventListener
    void onStopRequested(StopRequested event) {
        drain(properties.drainTimeout());
    }

    /**
     * Takes no new run, starts no new image, and waits up to {@code timeout} for the images in flight and their
     * events; whatever is still going then is stopped.
     */
    void drain(Duration timeout) {
        List<Run> running = registry.drain();
        running.forEach(run -> run.token().drain());
        LOG.info("draining: {} runs finish their {} images in flight, for {} at most; no new run or image starts",
                running.size(), running.stream().mapToInt(run -> run.token().imagesInFlight()).sum(), timeout);
        try {
            CompletableFuture.allOf(going.values().toArray(CompletableFuture[]::new))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            LOG.info("drained: every image in flight is done and reported");
        } catch (TimeoutException e) {
            LOG.warn("drain timeout of {} reached: stopping {} runs; recovery sends their open images again",
                    timeout, going.size());
            going.keySet().forEach(run -> run.token().stop());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            LOG.debug("a run ended with an error while draining", e);
        }
    }

    private void runToEnd(Run run, CompletableFuture<Void> end) {
        RunRequest request = run.request();
        try {
            execute(run);
        } catch (RuntimeException e) {
            if (run.token().stopped()) {
                LOG.info("run cut short by shutdown; recovery will dispatch its open images again");
            } else {
                LOG.error("run stopped unexpectedly", e);
            }
            registry.forget(request.runId());
        } finally {
            going.remove(run);
            end.complete(null);
            announceEnd(request);
        }
    }

    /** Tells this node's dispatcher that a slot is free; a node that is closing has no dispatcher left to tell. */
    private void announceEnd(RunRequest request) {
        if (closing) {
            return;
        }
        try {
            ended.publishEvent(new RunEnded(request.jobId(), request.runId()));
        } catch (RuntimeException e) {
            // The context began to close after the check above: nobody is left to wake.
            LOG.debug("end of run {} not announced: {}", request.runId(), e.getMessage());
        }
    }

    private void execute(Run run) {
        RunRequest request = run.request();
        RunReporter reporter = reporters.forRun(run);
        LOG.info("run started: {} images, {} at a time", request.images().size(), properties.concurrency());
        reporter.started();
        long interval = properties.heartbeatInterval().toMillis();
        ScheduledFuture<?> heartbeat = heartbeats.scheduleAtFixedRate(PropagatedContext.wrapCurrent(reporter::heartbeat), interval, interval,
                TimeUnit.MILLISECONDS);
        AtomicInteger settled = new AtomicInteger();
        try {
            Semaphore window = new Semaphore(properties.concurrency());
            List<CompletableFuture<Void>> images = new ArrayList<>();
            for (ImageSpec image : request.images()) {
                window.acquireUninterruptibly();
                if (!run.token().mayStartImage()) {
                    window.release();
                    break;
                }
                images.add(CompletableFuture.runAsync(PropagatedContext.wrapCurrent(() -> {
                    try {
                        if (make(run, image, reporter)) {
                            settled.incrementAndGet();
                        }
                    } finally {
                        window.release();
                    }
                }), imageThreads));
            }
            CompletableFuture.allOf(images.toArray(CompletableFuture[]::new)).join();
        } finally {
            heartbeat.cancel(false);
        }
        if (run.canceled()) {
            return;
        }
        if (settled.get() < request.images().size()) {
            // Drained or stopped: what was made reaches the receiver; the rest is recovery's, once the run is quiet.
            reporter.awaitDeliveries();
            LOG.info("run left with {} of {} images done", settled.get(), request.images().size());
            return;
        }
        run.finish();
        reporter.finished();
        LOG.info("run finished");
    }

    /** Makes one image and reports it; false when the run was stopped before it was done. */
    private boolean make(Run run, ImageSpec image, RunReporter reporter) {
        RunToken token = run.token();
        token.enter();
        try {
            RunRequest request = run.request();
            Failover.Result result = failover.generate(new ImageRequest(request.jobId(), request.runId(), image),
                    token);
            if (token.stopped()) {
                return false;
            }
            if (result instanceof Failover.Result.Made made) {
                metrics.succeeded(made.route().name(), image.kind());
                reporter.imageSucceeded(image, made.image(), made.route().name(), made.route().pricePerImage());
                return true;
            }
            if (result instanceof Failover.Result.Failed failed) {
                metrics.failed(failed.provider(), image.kind(), failed.cause().code());
                reporter.imageFailed(image, failed.cause());
                return true;
            }
            return false;
        } finally {
            token.leave();
        }
    }

    /** The context closes without a drain (a test, or after one): every run stops at once. */
    @PreDestroy
    void stop() {
        closing = true;
        registry.drain();
        going.keySet().forEach(run -> run.token().stop());
    }
}
