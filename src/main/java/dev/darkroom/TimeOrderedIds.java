package dev.darkroom;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * UUIDs whose first 48 bits are the creation time in milliseconds (the layout of RFC 9562's version 7), the rest
 * random. Rows inserted one after another then land next to each other in every index that starts with their id, so
 * a commit rewrites one page of each such index instead of a page at a random place; random UUIDs made H2 rewrite
 * about one page per inserted row. The 74 random bits keep ids as hard to guess as before.
 */
public final class TimeOrderedIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private TimeOrderedIds() {
    }

    public static String next() {
        return of(System.currentTimeMillis(), RANDOM.nextLong(), RANDOM.nextLong()).toString();
    }

    static UUID of(long millis, long randomHigh, long randomLow) {
        long high = (millis << 16) | 0x7000L | (randomHigh & 0x0FFFL);
        long low = (randomLow & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(high, low);
    }
}
