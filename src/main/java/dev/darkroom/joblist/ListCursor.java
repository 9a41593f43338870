package dev.darkroom.joblist;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a page ended: the creation time and id of its last job. Opaque to clients (base64url), so its form may
 * change; read back exactly as the database stores the time, so the next page starts right after that job.
 */
record ListCursor(Instant createdAt, String id) {

    private static final Pattern FORM = Pattern.compile("(-?\\d{1,19})\\.(\\d{1,9})~([A-Za-z0-9-]{1,36})");

    String encode() {
        String plain = createdAt.getEpochSecond() + "." + createdAt.getNano() + "~" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** Empty for anything this API did not hand out. */
    static Optional<ListCursor> decode(String text) {
        String plain;
        try {
            plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        Matcher matcher = FORM.matcher(plain);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ListCursor(Instant.ofEpochSecond(Long.parseLong(matcher.group(1)),
                    Long.parseLong(matcher.group(2))), matcher.group(3)));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
