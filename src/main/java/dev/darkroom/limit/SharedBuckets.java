package dev.darkroom.limit;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;

/**
 * Token buckets in the table {@code limit_buckets}, through bucket4j's PostgreSQL backend. Each take is one short
 * transaction on the bucket's row: {@code SELECT ... FOR UPDATE}, then {@code UPDATE} (a bucket's first take inserts
 * its row first), so every node draws from the same tokens. The SELECT FOR UPDATE flavour rather than the advisory
 * lock one: a statement less per take, and keys may be text.
 */
public final class SharedBuckets {

    /** Rows deleted per statement when idle buckets are cleared, so that no clearing holds many locks at once. */
    static final int CLEAR_BATCH = 500;

    private final PostgreSQLSelectForUpdateBasedProxyManager<String> buckets;

    SharedBuckets(DataSource dataSource, Clock clock) {
        this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table("limit_buckets")
                .idColumn("id")
                .stateColumn("state")
                .expiresAtColumn("expires_at")
                // A bucket that has refilled is the same as no bucket; a minute more keeps a busy one from churning.
                .expirationAfterWrite(ExpirationAfterWriteStrategy
                        .basedOnTimeForRefillingBucketUpToMax(Duration.ofMinutes(1)))
                .clientClock(new ClockTimeMeter(clock))
                .build();
    }

    /** Takes one token from the bucket of this key, made with this configuration if it does not exist yet. */
    public ConsumptionProbe tryTake(String key, BucketConfiguration configuration) {
        return buckets.builder().build(key, () -> configuration).tryConsumeAndReturnRemaining(1);
    }

    /** Deletes the rows of buckets that are full again, a batch per statement; how many went. */
    public int clearIdle() {
        int total = 0;
        int deleted;
        do {
            deleted = buckets.removeExpired(CLEAR_BATCH);
            total += deleted;
        } while (deleted == CLEAR_BATCH);
        return total;
    }
}
