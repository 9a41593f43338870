package dev.darkroom.limit;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * Settings of the limits shared through PostgreSQL; on H2 they are not used.
 *
 * @param slotLease        how long a call's in-flight slot stays held after its node last renewed it: the node renews
 *                         its slots every third of this while it lives, so this is what a killed worker costs (its
 *                         slots, until the lease runs out)
 * @param slotPollInterval how often a node's next waiter for a slot asks the database again; a slot freed on the
 *                         same node wakes it at once
 */
@ConfigurationProperties("darkroom.limits")
public record LimitProperties(
        @Bindable(defaultValue = "30s") Duration slotLease,
        @Bindable(defaultValue = "100ms") Duration slotPollInterval) {
}
