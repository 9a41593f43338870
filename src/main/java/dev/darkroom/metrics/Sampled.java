package dev.darkroom.metrics;

/**
 * Gauges whose values cost a query: sampled once before each scrape, so several gauges share one reading and
 * nothing is asked of the database between scrapes.
 */
public interface Sampled {

    /** Takes a fresh reading; a failure leaves the gauges at NaN rather than failing the scrape. */
    void sample();
}
