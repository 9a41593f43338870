package dev.darkroom.metrics;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;

/**
 * One provider's calls over the last five minutes, in slots of ten seconds: what the providers panel shows.
 * Prometheus counters only grow, so "in the last minutes" needs a window of its own. A slot whose time has passed is
 * emptied and reused, so the window is a fixed few longs whatever the traffic; a call takes its lock once.
 */
final class RecentCalls {

    static final Duration SLOT = Duration.ofSeconds(10);
    static final int SLOTS = 30;
    /** A wait shorter than this is the limits' own bookkeeping, not a hold-up. */
    static final long WAIT_WORTH_COUNTING_NANOS = Duration.ofMillis(1).toNanos();

    /** What the window holds now. */
    record Totals(long calls, long errors, long refusals, long rateLimitWaits, double rateLimitWaitSeconds) {
    }

    private static final int CALLS = 0;
    private static final int ERRORS = 1;
    private static final int REFUSALS = 2;
    private static final int WAITS = 3;
    private static final int WAIT_NANOS = 4;

    private final Clock clock;
    /** The number of the moment each slot holds (the time divided by {@link #SLOT}). */
    private final long[] moments = new long[SLOTS];
    private final long[][] counts = new long[SLOTS][5];

    RecentCalls(Clock clock) {
        this.clock = clock;
        Arrays.fill(moments, Long.MIN_VALUE);
    }

    static Duration window() {
        return SLOT.multipliedBy(SLOTS);
    }

    synchronized void succeeded() {
        current()[CALLS]++;
    }

    synchronized void failed(boolean retryable) {
        long[] slot = current();
        slot[CALLS]++;
        slot[retryable ? ERRORS : REFUSALS]++;
    }

    synchronized void waited(long nanos) {
        if (nanos >= WAIT_WORTH_COUNTING_NANOS) {
            long[] slot = current();
            slot[WAITS]++;
            slot[WAIT_NANOS] += nanos;
        }
    }

    synchronized Totals totals() {
        long now = moment();
        long[] sum = new long[5];
        for (int i = 0; i < SLOTS; i++) {
            if (moments[i] <= now && now - moments[i] < SLOTS) {
                for (int k = 0; k < sum.length; k++) {
                    sum[k] += counts[i][k];
                }
            }
        }
        return new Totals(sum[CALLS], sum[ERRORS], sum[REFUSALS], sum[WAITS], sum[WAIT_NANOS] / 1e9);
    }

    /** The slot of this moment, emptied first if it last held an older one. */
    private long[] current() {
        long now = moment();
        int index = (int) Math.floorMod(now, (long) SLOTS);
        if (moments[index] != now) {
            moments[index] = now;
            Arrays.fill(counts[index], 0);
        }
        return counts[index];
    }

    /** The service's clock ticks in microseconds, and JDK 17's tick clock divides by zero in millis(): not used. */
    private long moment() {
        return Math.floorDiv(clock.instant().toEpochMilli(), SLOT.toMillis());
    }
}
