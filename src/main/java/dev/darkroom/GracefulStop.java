package dev.darkroom;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.event.ApplicationEventPublisher;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * SIGTERM stops the process gracefully: {@link StopRequested} first, while everything still works, and only then
 * the usual shutdown.
 *
 * <p>Why a signal handler and not a shutdown listener: the JVM's own SIGTERM handler runs the shutdown hooks at
 * once, and Micronaut's hook stops the Netty server first (its listening socket closes when the server's parent
 * event loop ends its quiet period), then publishes {@code ServerShutdownEvent}, then stops the context, which
 * publishes {@code ShutdownEvent} and destroys the beans ({@code @PreDestroy}, the executors, the HTTP clients).
 * Anything done there runs without a server: a draining worker could not answer "busy" to a dispatcher, and a
 * receiver in the same process could not take the events of the images it finishes. So the work is done here,
 * before {@link System#exit} hands over to that shutdown.
 */
@Context
public class GracefulStop {

    private static final Logger LOG = LoggerFactory.getLogger(GracefulStop.class);
    private static final Signal TERM = new Signal("TERM");
    /** What a process ended by SIGTERM conventionally exits with (128 + 15). */
    private static final int TERMINATED = 143;

    private final ApplicationEventPublisher<StopRequested> publisher;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private SignalHandler previous;

    public GracefulStop(ApplicationEventPublisher<StopRequested> publisher) {
        this.publisher = publisher;
    }

    @PostConstruct
    void install() {
        try {
            previous = Signal.handle(TERM, signal -> stop());
        } catch (IllegalArgumentException e) {
            // The JVM keeps the signal to itself (-Xrs): it stops the plain way.
            LOG.warn("SIGTERM cannot be handled here ({}); a stop will not drain", e.getMessage());
        }
    }

    /** Runs on the JVM's signal thread; a second SIGTERM while the first is handled changes nothing. */
    void stop() {
        if (!stopping.compareAndSet(false, true)) {
            return;
        }
        LOG.info("SIGTERM: stopping gracefully");
        try {
            publisher.publishEvent(new StopRequested());
        } catch (RuntimeException e) {
            LOG.error("graceful stop failed; stopping anyway", e);
        }
        System.exit(TERMINATED);
    }

    /** A context that closes gives the signal back, so a test's next context (or the JVM) handles it. */
    @PreDestroy
    void uninstall() {
        if (previous != null && !stopping.get()) {
            Signal.handle(TERM, previous);
        }
    }
}
