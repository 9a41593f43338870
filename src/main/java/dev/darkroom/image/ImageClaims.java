package dev.darkroom.image;

import dev.darkroom.problem.Problem;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a signed image may claim about itself before it is stored and served. A valid signature proves who sent an
 * event, not that its fields are sane: the image is served from Darkroom's own origin with the type it claims, so
 * only the types Darkroom produces are taken, and only when the bytes are that type (their magic bytes, and the
 * dimensions in their header, read without decoding the picture).
 */
@Singleton
public class ImageClaims {

    /** The types Darkroom produces (every provider's output is normalized to JPEG), with their magic bytes. */
    static final Map<String, byte[]> PRODUCED = Map.of(JpegEncoder.CONTENT_TYPE, new byte[] {(byte) 0xFF, (byte) 0xD8,
            (byte) 0xFF});

    /** Largest cost the {@code cost} column holds: NUMERIC(12, 6). */
    static final BigDecimal MAX_COST = new BigDecimal("999999.999999");

    private final ImageProperties format;

    public ImageClaims(ImageProperties format) {
        this.format = format;
    }

    /** Whether {@code contentType} is one Darkroom produces, and so may be served as itself. */
    public static boolean isProduced(@Nullable String contentType) {
        return contentType != null && PRODUCED.containsKey(contentType);
    }

    /** Checks the claims that need no bytes; {@code prefix} is where the fields sit, like {@code data.}. */
    public List<Problem.FieldError> fields(String prefix, @Nullable String contentType, @Nullable Integer width,
                                           @Nullable Integer height, @Nullable BigDecimal cost) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (contentType != null && !isProduced(contentType)) {
            errors.add(new Problem.FieldError(prefix + "contentType", "must be one of " + PRODUCED.keySet()));
        }
        if (width != null && (width < 1 || width > format.width())) {
            errors.add(new Problem.FieldError(prefix + "width", "must be between 1 and " + format.width()));
        }
        if (height != null && (height < 1 || height > format.height())) {
            errors.add(new Problem.FieldError(prefix + "height", "must be between 1 and " + format.height()));
        }
        if (cost != null && (cost.signum() < 0 || cost.compareTo(MAX_COST) > 0)) {
            errors.add(new Problem.FieldError(prefix + "cost", "must be between 0 and " + MAX_COST.toPlainString()));
        }
        return errors;
    }

    /** Checks that {@code bytes} are what the (already valid) claims say: their type's magic, their size. */
    public List<Problem.FieldError> bytes(String field, byte[] bytes, String contentType, int width, int height) {
        byte[] magic = PRODUCED.get(contentType);
        if (magic == null || bytes.length < magic.length
                || !Arrays.equals(Arrays.copyOf(bytes, magic.length), magic)) {
            return List.of(new Problem.FieldError(field, "is not " + contentType));
        }
        Optional<ImageHeader> declared = ImageHeader.of(bytes);
        if (declared.isEmpty()) {
            return List.of(new Problem.FieldError(field, "has no readable " + contentType + " header"));
        }
        if (declared.get().width() != width || declared.get().height() != height) {
            return List.of(new Problem.FieldError(field, "is " + declared.get().width() + "x"
                    + declared.get().height() + ", not the " + width + "x" + height + " claimed"));
        }
        return List.of();
    }
}
