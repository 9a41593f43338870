package dev.darkroom.provider;

import java.math.BigDecimal;

/**
 * How a provider may be used and what it costs.
 *
 * @param requestsPerMinute calls per minute a worker makes to it, shared by all its runs; 0 for no limit
 * @param maxInFlight       calls open at once, shared by all runs; 0 for no limit
 * @param pricePerImage     what one generated image costs, for the job's cost estimate
 */
public record ProviderPolicy(int requestsPerMinute, int maxInFlight, BigDecimal pricePerImage) {

    public static final ProviderPolicy UNLIMITED_AND_FREE = new ProviderPolicy(0, 0, BigDecimal.ZERO);
}
