package dev.darkroom;

import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class TimeOrderedIdsTest {

    @Test
    void anIdIsAVersionSevenUuidThatStartsWithItsMillisecond() {
        UUID id = TimeOrderedIds.of(0x0123_4567_89ABL, -1L, -1L);

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.toString()).startsWith("01234567-89ab-7fff-bfff-");
    }

    @Test
    void aLaterIdSortsAfterAnEarlierOneAsText() {
        String earlier = TimeOrderedIds.of(1_700_000_000_000L, -1L, -1L).toString();
        String later = TimeOrderedIds.of(1_700_000_000_001L, 0L, 0L).toString();

        assertThat(later).isGreaterThan(earlier);
    }

    @Test
    void idsMadeInOneMillisecondDiffer() {
        assertThat(TimeOrderedIds.next()).isNotEqualTo(TimeOrderedIds.next()).hasSize(36);
    }
}
