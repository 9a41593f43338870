package dev.darkroom.stream;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * @param pollInterval how often a node reads the rows every node wrote since its last read; an event written on
 *                     another node reaches this node's streams within it (the writing node's own streams at once)
 * @param heartbeat    how often an open stream gets a comment line, so proxies and the server's own
 *                     {@code micronaut.server.idle-timeout} (keep it longer) see a live connection
 * @param retry        the reconnect delay a client is told ({@code retry:})
 * @param gapWait      how long an id missing between rows already read is waited for: a transaction that took its
 *                     id before another committed may still commit; past this it is taken for rolled back
 * @param batchSize    rows read at most per query; a longer backlog is read in several queries of one pass
 */
@ConfigurationProperties("darkroom.stream")
public record StreamProperties(
        @Bindable(defaultValue = "500ms") Duration pollInterval,
        @Bindable(defaultValue = "15s") Duration heartbeat,
        @Bindable(defaultValue = "3s") Duration retry,
        @Bindable(defaultValue = "10s") Duration gapWait,
        @Bindable(defaultValue = "1000") int batchSize) {
}
