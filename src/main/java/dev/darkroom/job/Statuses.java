package dev.darkroom.job;

import java.util.Collection;
import java.util.List;

/** Statuses as the database stores them: by name. */
final class Statuses {

    private Statuses() {
    }

    static List<String> names(Collection<? extends Enum<?>> statuses) {
        return statuses.stream().map(Enum::name).sorted().toList();
    }
}
