package dev.darkroom.provider.prediction;

import dev.darkroom.provider.ProviderException;
import io.micronaut.core.annotation.Nullable;

import java.util.regex.Pattern;

/**
 * What a provider's prediction id may be: it comes from outside, is stored ({@code prediction_id}, 160 characters)
 * and becomes a path segment of the provider's URLs, so it is short and made of URL-safe characters only.
 */
public final class PredictionIds {

    public static final int MAX_LENGTH = 160;
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_.-]+");

    private PredictionIds() {
    }

    /** Null when {@code id} may be used; otherwise what is wrong with it. */
    @Nullable
    public static String problem(@Nullable String id) {
        if (id == null || id.isBlank()) {
            return "is required";
        }
        if (id.length() > MAX_LENGTH) {
            return "must be at most " + MAX_LENGTH + " characters";
        }
        if (!SAFE.matcher(id).matches() || id.chars().allMatch(c -> c == '.')) {
            return "may hold only letters, digits, '_', '.' and '-'";
        }
        return null;
    }

    /** The id of a provider's answer, or a final {@code bad_output} refusal naming the field. */
    public static String require(String provider, @Nullable String id, String field) {
        String problem = problem(id);
        if (problem != null) {
            throw ProviderException.refusal("bad_output", provider + "'s " + field + " " + problem);
        }
        return id;
    }
}
