package dev.darkroom.demo;

import java.io.PrintStream;

/**
 * A one-line progress bar redrawn in place on a terminal; where output is not a terminal (CI, a pipe) it prints a
 * plain line only when the numbers change, so logs stay readable.
 */
final class ProgressBar {

    private static final int WIDTH = 30;

    private final PrintStream out;
    private final boolean terminal;
    private String last = "";

    ProgressBar(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    void show(String status, int done, int failed, int total, long elapsedMillis) {
        int filled = total == 0 ? WIDTH : done * WIDTH / total;
        String numbers = String.format("%d/%d images, %d failed, %-10s", done, total, failed, status);
        if (terminal) {
            String bar = "#".repeat(filled) + "-".repeat(WIDTH - filled);
            out.printf("\r[%s] %3d%%  %s  %4.1fs ", bar, total == 0 ? 100 : done * 100 / total, numbers,
                    elapsedMillis / 1000.0);
            out.flush();
        } else if (!numbers.equals(last)) {
            out.printf("  %s (%.1fs)%n", numbers.trim(), elapsedMillis / 1000.0);
        }
        last = numbers;
    }

    void end() {
        if (terminal) {
            out.println();
        }
    }
}
