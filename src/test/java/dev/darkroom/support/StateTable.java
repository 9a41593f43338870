package dev.darkroom.support;

import org.junit.jupiter.params.provider.Arguments;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A state machine's expected moves, written out as a table in the test itself (a row per state it leaves, a column
 * per state it reaches, a word per cell), read into one case per pair of states: {@code (from, to, cell)}.
 */
public final class StateTable {

    private StateTable() {
    }

    public static <E extends Enum<E>> Stream<Arguments> everyPair(Class<E> states, List<E> columns, String table) {
        List<Arguments> pairs = new ArrayList<>();
        for (String line : table.strip().split("\n")) {
            String[] cells = line.trim().split("\\s+");
            if (cells[0].equals("#")) {
                continue;
            }
            E from = Enum.valueOf(states, cells[0].toUpperCase());
            for (int i = 0; i < columns.size(); i++) {
                pairs.add(Arguments.of(from, columns.get(i), cells[i + 1]));
            }
        }
        E[] all = states.getEnumConstants();
        assertThat(pairs).as("the table covers every pair of states").hasSize(all.length * all.length);
        assertThat(columns).containsExactlyInAnyOrder(all);
        return pairs.stream();
    }
}
