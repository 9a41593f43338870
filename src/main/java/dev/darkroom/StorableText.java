package dev.darkroom;

import dev.darkroom.run.Storable;
import io.micronaut.core.annotation.Nullable;

/**
 * Text every database stores as given. PostgreSQL refuses a NUL outright ("invalid byte sequence 0x00", a 500 there,
 * while H2 kept it), and a lone surrogate has no UTF-8 form, so a driver fails on it or silently replaces it. The
 * other control characters go too: they have no place in a prompt or a message and only hide what the text says.
 * One rule for every door text comes in by: the API, a run, a worker's event.
 */
public final class StorableText {

    /** The words of the rule, as the contract's {@link Storable} constraint says them too. */
    public static final String RULE = Storable.RULE;

    private static final int REPLACEMENT = '\uFFFD';

    private StorableText() {
    }

    public static boolean isStorable(String text) {
        return text.codePoints().noneMatch(StorableText::isRefused);
    }

    /** {@code text} with every refused character replaced by U+FFFD: for text Darkroom passes on, not judges. */
    public static @Nullable String clean(@Nullable String text) {
        if (text == null || isStorable(text)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> out.appendCodePoint(isRefused(c) ? REPLACEMENT : c));
        return out.toString();
    }

    /**
     * The longest start of {@code text} that fits a column of {@code length} characters on every database Darkroom
     * runs on: H2 counts UTF-16 units, PostgreSQL code points, so this counts UTF-16 units, and a cut never splits a
     * surrogate pair.
     */
    public static @Nullable String fit(@Nullable String text, int length) {
        if (text == null || text.length() <= length) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(length - 1)) ? length - 1 : length;
        return text.substring(0, end);
    }

    private static boolean isRefused(int c) {
        return (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r')
                || Character.getType(c) == Character.SURROGATE;
    }
}
