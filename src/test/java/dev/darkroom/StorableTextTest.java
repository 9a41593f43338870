package dev.darkroom;

import dev.darkroom.job.ImageTask;
import dev.darkroom.job.TaskStatus;
import dev.darkroom.run.ImageKind;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Text as every database stores it: no NUL or other control character, no half of a surrogate pair. */
class StorableTextTest {

    @Test
    void aFitCountsWhatEveryDatabaseCountsAndNeverSplitsASurrogatePair() {
        String keys = "🔑".repeat(3); // three code points, six UTF-16 units: H2 counts the units

        assertThat(StorableText.fit("a" + keys, 2)).isEqualTo("a");
        assertThat(StorableText.fit("a" + keys, 3)).isEqualTo("a🔑").matches(StorableText::isStorable);
        assertThat(StorableText.fit(keys, 6)).isEqualTo(keys);
        assertThat(StorableText.fit(null, 3)).isNull();
    }

    @Test
    void aFailedImagesMessageFitsItsColumnWithoutSplittingAnEmoji() {
        ImageTask task = new ImageTask("t-1", "j-1", "ev-1", 0, ImageKind.EVIDENCE, "Key", "", TaskStatus.GENERATING,
                "r-1", null, null, null, null, null, null, null, null, null, null, 0L);

        String message = task.failed("r-1", "provider_error", "a".repeat(997) + "🔑🔑", Instant.EPOCH)
                .errorMessage();

        assertThat(message).isEqualTo("a".repeat(997) + "🔑").matches(StorableText::isStorable);
    }

    @Test
    void aCleanedTextKeepsTabsAndLineBreaksAndReplacesOtherControlCharacters() {
        assertThat(StorableText.clean("a\tb\r\nc\u0000d\u001be\uD800f")).isEqualTo("a\tb\r\nc\uFFFDd\uFFFDe\uFFFDf");
        assertThat(StorableText.clean("🔑 fine")).isEqualTo("🔑 fine");
    }
}
