package dev.darkroom.ceiling;

import io.micronaut.runtime.Micronaut;

/**
 * The framework's ceiling for the benchmarks: a bare Micronaut server with one JSON endpoint, no security, no
 * database. Built only by the bench profile, never part of Darkroom's jar; what Darkroom's poll serves per second is
 * read against what this serves on the same machine in the same run.
 */
public final class Ceiling {

    private Ceiling() {
    }

    public static void main(String[] args) {
        Micronaut.run(Ceiling.class, args);
    }
}
