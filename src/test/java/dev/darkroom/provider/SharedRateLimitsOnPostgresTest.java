package dev.darkroom.provider;

import dev.darkroom.limit.LimitProperties;
import dev.darkroom.limit.SharedLimits;
import dev.darkroom.support.PostgresServer;
import dev.darkroom.support.SetClock;
import io.micronaut.context.ApplicationContext;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import javax.sql.DataSource;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A provider's limits on PostgreSQL hold for two workers together: this context's limiters are one worker's, and a
 * second set over the same database, with a holder of its own, is the other's. The clock stands still unless a test
 * moves it, so every count is exact and nothing waits for time to pass.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60) // a limit that shares nothing leaves a waiter waiting for good
class SharedRateLimitsOnPostgresTest implements TestPropertyProvider {

    // Standing still from now on, not at some fixed date: the node's chore clears bucket rows by the real time.
    private static final SetClock CLOCK = new SetClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private static final Duration LEASE = Duration.ofSeconds(30);

    EmbeddedPostgres postgres;

    @Inject
    ApplicationContext context;

    @Inject
    RateLimits firstWorker;

    @Inject
    DataSource dataSource;

    @MockBean(Clock.class)
    Clock clock() {
        return CLOCK;
    }

    @Override
    public Map<String, String> getProperties() {
        postgres = PostgresServer.started();
        Map<String, String> settings = PostgresServer.settingsFor(postgres);
        settings.put("darkroom.limits.slot-lease", LEASE.toSeconds() + "s");
        settings.put("darkroom.limits.slot-poll-interval", "20ms");
        for (String role : List.of("initiator", "worker", "receiver", "status", "recovery")) {
            settings.put("darkroom.roles." + role, "false");
        }
        return settings;
    }

    @AfterAll
    void stopPostgres() throws IOException {
        context.stop();
        postgres.close();
    }

    @Test
    void twoWorkersTogetherNeverTakeMoreThanTheRequestsPerMinute() {
        ImageProvider provider = provider("rate", 120, 0);
        SharedRateLimiter first = (SharedRateLimiter) firstWorker.of(provider);
        SharedRateLimiter second = (SharedRateLimiter) anotherWorker().of(provider);

        int atOnce = takeAll(first, second);
        int total = atOnce;
        for (int second_ = 0; second_ < 60; second_++) {
            CLOCK.advance(Duration.ofSeconds(1));
            total += takeAll(first, second);
        }

        assertThat(atOnce).as("a second's worth at once, for both").isEqualTo(2);
        assertThat(total).as("120 a minute, plus the first second's worth").isEqualTo(122);
    }

    @Test
    void aCallWaitingForATokenGoesOutOnceTheBucketRefills() throws Exception {
        ImageProvider provider = provider("refill", 60, 0);
        RateLimiter first = firstWorker.of(provider);
        first.acquire().close();

        CompletableFuture<RateLimiter.Permit> waiting = acquireElsewhere(anotherWorker().of(provider));

        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !waiting.isDone());
        CLOCK.advance(Duration.ofSeconds(1));
        await().atMost(Duration.ofSeconds(5)).until(waiting::isDone);
        waiting.get().close();
    }

    @Test
    void callsInFlightAreCountedAcrossWorkers() throws Exception {
        ImageProvider provider = provider("in-flight", 0, 2);
        RateLimiter first = firstWorker.of(provider);
        SharedRateLimiter second = (SharedRateLimiter) anotherWorker().of(provider);
        RateLimiter.Permit one = first.acquire();
        RateLimiter.Permit two = first.acquire();

        assertThat(second.tryAcquire()).as("both slots are the first worker's").isEmpty();
        CompletableFuture<RateLimiter.Permit> waiting = acquireElsewhere(second);
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(() -> !waiting.isDone());

        one.close();
        await().atMost(Duration.ofSeconds(5)).until(waiting::isDone);
        assertThat(((SharedRateLimiter) first).tryAcquire()).as("two in flight again").isEmpty();
        two.close();
        waiting.get().close();
        assertThat(second.tryAcquire()).isPresent().get().satisfies(RateLimiter.Permit::close);
    }

    @Test
    void aWaitForASlotEndsWithAnInterruptAndHoldsNothing() throws Exception {
        ImageProvider provider = provider("interrupt", 0, 1);
        RateLimiter first = firstWorker.of(provider);
        SharedRateLimiter second = (SharedRateLimiter) anotherWorker().of(provider);
        RateLimiter.Permit held = first.acquire();
        AtomicReference<Throwable> ended = new AtomicReference<>();
        Thread waiter = new Thread(() -> {
            try {
                second.acquire().close();
            } catch (InterruptedException | RuntimeException e) {
                ended.set(e);
            }
        });
        waiter.start();
        await().atMost(Duration.ofSeconds(2)).until(() -> waiter.getState() == Thread.State.TIMED_WAITING);

        waiter.interrupt();

        await().atMost(Duration.ofSeconds(2)).until(() -> !waiter.isAlive());
        assertThat(ended.get()).isInstanceOf(InterruptedException.class);
        held.close();
        assertThat(second.tryAcquire()).as("the interrupted wait took no slot").isPresent()
                .get().satisfies(RateLimiter.Permit::close);
    }

    @Test
    void aPauseThatOneWorkerHeardHoldsTheOtherBack() {
        ImageProvider provider = provider("pause", 0, 0);
        RateLimiter first = firstWorker.of(provider);
        SharedRateLimiter second = (SharedRateLimiter) anotherWorker().of(provider);

        first.pause(Duration.ofSeconds(10));
        second.pause(Duration.ofSeconds(1));

        assertThat(second.remainingPause()).as("the shorter pause does not cut the longer one short")
                .isEqualTo(Duration.ofSeconds(10));
        assertThat(second.tryAcquire()).isEmpty();
        CLOCK.advance(Duration.ofSeconds(10));
        assertThat(second.remainingPause()).isZero();
        assertThat(second.tryAcquire()).isPresent().get().satisfies(RateLimiter.Permit::close);
    }

    @Test
    void aSharedPauseIsCappedLikeALocalOne() {
        RateLimiter first = firstWorker.of(provider("long-pause", 0, 0));

        first.pause(Duration.ofHours(1));

        assertThat(first.remainingPause()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void theSlotsOfAKilledWorkerComeBackOnceTheirLeaseRunsOut() {
        ImageProvider provider = provider("lease", 0, 2);
        SharedLimits killed = sharedLimits();
        SharedLimits living = sharedLimits();
        SharedRateLimiter ofTheKilled = (SharedRateLimiter) new RateLimits(Duration.ofSeconds(30), killed, CLOCK)
                .of(provider);
        SharedRateLimiter ofTheLiving = (SharedRateLimiter) new RateLimits(Duration.ofSeconds(30), living, CLOCK)
                .of(provider);
        SharedRateLimiter other = (SharedRateLimiter) firstWorker.of(provider);
        assertThat(ofTheKilled.tryAcquire()).isPresent();
        assertThat(ofTheLiving.tryAcquire()).isPresent();

        CLOCK.advance(LEASE.minusSeconds(1));
        living.slots().renew();
        assertThat(other.tryAcquire()).as("both leases still run").isEmpty();

        CLOCK.advance(Duration.ofSeconds(2));
        Optional<RateLimiter.Permit> freed = other.tryAcquire();
        assertThat(freed).as("the killed worker's slot, once its lease ran out").isPresent();
        assertThat(other.tryAcquire()).as("the living worker renewed its lease").isEmpty();
        freed.get().close();
    }

    /** Takes tokens on both workers, in turn, until neither gets one; how many they got. */
    private static int takeAll(SharedRateLimiter first, SharedRateLimiter second) {
        int taken = 0;
        boolean any = true;
        while (any) {
            any = false;
            for (SharedRateLimiter limiter : List.of(first, second)) {
                Optional<RateLimiter.Permit> permit = limiter.tryAcquire();
                permit.ifPresent(RateLimiter.Permit::close);
                if (permit.isPresent()) {
                    taken++;
                    any = true;
                }
            }
        }
        return taken;
    }

    private static CompletableFuture<RateLimiter.Permit> acquireElsewhere(RateLimiter limiter) {
        CompletableFuture<RateLimiter.Permit> permit = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                permit.complete(limiter.acquire());
            } catch (InterruptedException | RuntimeException e) {
                permit.completeExceptionally(e);
            }
        });
        thread.setDaemon(true);
        thread.start();
        return permit;
    }

    private RateLimits anotherWorker() {
        return new RateLimits(Duration.ofSeconds(30), sharedLimits(), CLOCK);
    }

    private SharedLimits sharedLimits() {
        return new SharedLimits(dataSource, CLOCK, new LimitProperties(LEASE, Duration.ofMillis(20)));
    }

    private static ImageProvider provider(String name, int requestsPerMinute, int maxInFlight) {
        ProviderPolicy policy = new ProviderPolicy(requestsPerMinute, maxInFlight, BigDecimal.ZERO);
        return new ImageProvider() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public GeneratedImage generate(ImageRequest request) {
                throw new UnsupportedOperationException("only its limits are asked for");
            }

            @Override
            public ProviderPolicy policy() {
                return policy;
            }
        };
    }
}
