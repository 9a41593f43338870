package dev.darkroom.worker;

import io.micronaut.context.event.ShutdownEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;

/**
 * Whether this node's context has begun to stop: the shutdown event comes before any bean is destroyed, so a
 * failure from then on is the closing node's (its clients and their beans going), not a peer's. A bean of its own,
 * with nothing to inject, because the context makes every listener of the event when it stops.
 */
@Singleton
public class NodeStopping {

    private volatile boolean begun;

    @EventListener
    void onShutdown(ShutdownEvent event) {
        begun = true;
    }

    public boolean begun() {
        return begun;
    }
}
