package dev.darkroom.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The results as markdown, written between two markers of docs/benchmarks.md: the hand-written parts of the page
 * (how to read it, how to rerun it, findings) stay as they are.
 */
final class Report {

    static final String START = "<!-- bench:results:start (written by the harness; edits here are overwritten) -->";
    static final String END = "<!-- bench:results:end -->";

    private Report() {
    }

    static String results(BenchOptions options, Instant began, Duration took, List<Row> rows, List<String> notes) {
        StringBuilder md = new StringBuilder();
        md.append("## Results\n\n");
        md.append("- Command: `").append(options.command()).append("`\n");
        md.append("- Date: ").append(began.truncatedTo(ChronoUnit.SECONDS)).append(" (the run took ")
                .append(took.toMinutes()).append(" min ").append(took.toSecondsPart()).append(" s)\n");
        md.append("- Database: ").append(options.db().equals("h2") ? "H2 file (the default)" : "PostgreSQL (embedded)")
                .append(options.quick() ? "; **quick rounds**, figures only indicative" : "").append('\n');
        Machine.describe().forEach(line -> md.append("- ").append(line).append('\n'));
        md.append('\n');
        md.append("| scenario | figure | goal | ratio | met | how |\n");
        md.append("|---|---|---|---|---|---|\n");
        rows.forEach(row -> md.append(row.markdown()).append('\n'));
        if (!notes.isEmpty()) {
            md.append('\n');
            notes.forEach(note -> md.append(note).append("\n\n"));
        }
        return md.toString().stripTrailing() + "\n";
    }

    /** Puts {@code results} between the page's markers, or appends them with the markers if it has none. */
    static void write(Path page, String results) {
        try {
            String text = Files.exists(page) ? Files.readString(page, StandardCharsets.UTF_8) : "# Benchmarks\n\n";
            String block = START + "\n" + results + END;
            int start = text.indexOf(START);
            int end = text.indexOf(END);
            String updated;
            if (start >= 0 && end > start) {
                updated = text.substring(0, start) + block + text.substring(end + END.length());
            } else {
                updated = text.stripTrailing() + "\n\n" + block + "\n";
            }
            Files.createDirectories(page.toAbsolutePath().getParent());
            Files.writeString(page, updated, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
