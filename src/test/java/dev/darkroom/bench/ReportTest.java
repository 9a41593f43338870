package dev.darkroom.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ReportTest {

    @TempDir
    Path folder;

    @Test
    void resultsReplaceOnlyWhatIsBetweenTheMarkers() throws IOException {
        Path page = folder.resolve("benchmarks.md");
        Files.writeString(page, "# Benchmarks\n\nHow to read.\n\n" + Report.START + "\nold figures\n" + Report.END
                + "\n\n## Findings\n\nThe poll renders twice.\n");

        Report.write(page, "new figures\n");

        assertThat(Files.readString(page)).isEqualTo("# Benchmarks\n\nHow to read.\n\n" + Report.START
                + "\nnew figures\n" + Report.END + "\n\n## Findings\n\nThe poll renders twice.\n");
    }

    @Test
    void aPageWithoutMarkersKeepsItsTextAndGainsTheResultsAtTheEnd() throws IOException {
        Path page = folder.resolve("benchmarks.md");
        Files.writeString(page, "# Benchmarks\n\nHow to read.\n");

        Report.write(page, "figures\n");

        assertThat(Files.readString(page)).isEqualTo("# Benchmarks\n\nHow to read.\n\n" + Report.START
                + "\nfigures\n" + Report.END + "\n");
    }

    @Test
    void aCellWithAPipeDoesNotSplitTheTable() {
        Row row = new Row("a|b", "1", "2", "3", "yes", "");
        assertThat(row.markdown()).isEqualTo("| a\\|b | 1 | 2 | 3 | yes |  |");
    }
}
