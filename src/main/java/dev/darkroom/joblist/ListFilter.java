package dev.darkroom.joblist;

import dev.darkroom.job.JobStatus;
import dev.darkroom.problem.Problem;
import dev.darkroom.problem.ProblemException;
import io.micronaut.core.annotation.Nullable;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One request for a page of the list, checked: every wrong parameter is named at once.
 *
 * @param statuses   the statuses asked for; empty for all
 * @param casePrefix the start of the case id, or null
 * @param after      where the previous page ended, or null for the first page
 */
record ListFilter(Set<JobStatus> statuses, @Nullable String casePrefix, @Nullable ListCursor after, int limit) {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;
    /** A case id is at most this long, so a longer prefix matches nothing. */
    static final int MAX_PREFIX = 64;

    static ListFilter parse(@Nullable List<String> status, @Nullable String casePrefix, @Nullable String after,
                            @Nullable String limit) {
        List<Problem.FieldError> wrong = new ArrayList<>();
        Set<JobStatus> statuses = EnumSet.noneOf(JobStatus.class);
        for (String name : status == null ? List.<String>of() : status.stream()
                .flatMap(value -> Arrays.stream(value.split(","))).map(String::trim).filter(s -> !s.isEmpty())
                .toList()) {
            JobStatus known = byWireName(name);
            if (known == null) {
                wrong.add(new Problem.FieldError("status", "unknown status '" + name + "'; known: "
                        + Arrays.stream(JobStatus.values()).map(JobStatus::wireName).toList()));
            } else {
                statuses.add(known);
            }
        }
        String prefix = casePrefix == null || casePrefix.isEmpty() ? null : casePrefix;
        if (prefix != null && prefix.length() > MAX_PREFIX) {
            wrong.add(new Problem.FieldError("casePrefix", "at most " + MAX_PREFIX + " characters"));
        }
        ListCursor cursor = null;
        if (after != null && !after.isEmpty()) {
            cursor = ListCursor.decode(after).orElse(null);
            if (cursor == null) {
                wrong.add(new Problem.FieldError("after", "not a cursor of this list: pass a page's next as it came"));
            }
        }
        int size = DEFAULT_LIMIT;
        if (limit != null) {
            try {
                size = Integer.parseInt(limit.trim());
            } catch (NumberFormatException e) {
                size = -1;
            }
            if (size < 1 || size > MAX_LIMIT) {
                wrong.add(new Problem.FieldError("limit", "a whole number from 1 to " + MAX_LIMIT));
            }
        }
        if (!wrong.isEmpty()) {
            throw ProblemException.invalid(wrong);
        }
        return new ListFilter(statuses, prefix, cursor, size);
    }

    private static JobStatus byWireName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return Arrays.stream(JobStatus.values()).filter(s -> s.wireName().equals(lower)).findFirst().orElse(null);
    }
}
