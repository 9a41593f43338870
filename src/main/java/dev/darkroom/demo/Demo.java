package dev.darkroom.demo;

/** Placeholder until the demo lands. */
public final class Demo {
    private Demo() {
    }

    public static int run(String[] args) {
        return 0;
    }
}
