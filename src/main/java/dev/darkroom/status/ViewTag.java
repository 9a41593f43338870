package dev.darkroom.status;

import dev.darkroom.job.JobVersion;
import io.micronaut.core.annotation.Nullable;

/**
 * The ETag of a job's view: the job's id and its row's version, which every change of the job or of one of its
 * images moves. Weak, because it promises the same view, not the same bytes: the create answer carries a poll
 * token the polls do not, and a new release may write the same view differently. If-None-Match compares weakly
 * anyway (RFC 9110, 13.1.2), so a weak tag costs a client nothing.
 */
final class ViewTag {

    private ViewTag() {
    }

    static String of(JobVersion job) {
        return "W/\"" + job.id() + "." + job.version() + "\"";
    }

    /** If-None-Match holds {@code *} or a list of tags, each weak or strong; any one equal to ours matches. */
    static boolean matches(@Nullable String ifNoneMatch, String tag) {
        if (ifNoneMatch == null) {
            return false;
        }
        String ours = opaque(tag);
        for (String candidate : ifNoneMatch.split(",")) {
            String trimmed = candidate.trim();
            if (trimmed.equals("*") || opaque(trimmed).equals(ours)) {
                return true;
            }
        }
        return false;
    }

    private static String opaque(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }
}
