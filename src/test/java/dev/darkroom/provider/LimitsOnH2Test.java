package dev.darkroom.provider;

import dev.darkroom.limit.SharedLimits;
import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** On H2 there is one node: its limits stay in its memory, and no statement is spent on them. */
@MicronautTest(transactional = false)
class LimitsOnH2Test {

    @Inject
    ApplicationContext context;

    @Inject
    RateLimits limits;

    @Inject
    ProviderChain chain;

    @Test
    void theLimitsOfEveryProviderAreThisNodesOwn() {
        assertThat(context.findBean(SharedLimits.class)).isEmpty();
        assertThat(chain.routes()).isNotEmpty()
                .allSatisfy(route -> assertThat(limits.of(route.provider())).isInstanceOf(LocalRateLimiter.class));
    }
}
