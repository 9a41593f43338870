package dev.darkroom.security;

import io.micronaut.context.env.Environment;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * How every secret is accepted. In the dev, demo and test environments a missing secret is replaced by a random
 * one for this process (with a warning). Anywhere else the service refuses to start with a missing, short or
 * documented-example secret, and names the setting to fix.
 */
@Singleton
public class SecretPolicy {

    public static final int MIN_BYTES = 32;
    static final Set<String> LENIENT_ENVIRONMENTS = Set.of("dev", "demo", "test");
    /** Values printed in the documentation: anyone can read them, so they protect nothing. */
    static final Set<String> EXAMPLES = Set.of(
            "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
            "change-me-to-at-least-32-random-bytes!!");

    private static final Logger LOG = LoggerFactory.getLogger(SecretPolicy.class);

    private final boolean lenient;

    public SecretPolicy(Environment environment) {
        this.lenient = environment.getActiveNames().stream().anyMatch(LENIENT_ENVIRONMENTS::contains);
    }

    /**
     * The key bytes of a secret. {@code decoder} turns the configured text into key bytes (and may reject it);
     * {@code generate} makes the text of a random secret for dev runs.
     */
    public byte[] require(String variable, String property, @Nullable String value, Decoder decoder,
                          Generator generate) {
        if (value == null || value.isBlank()) {
            if (!lenient) {
                throw new ConfigurationException(variable + " (" + property + ") is not set; it must hold at least "
                        + MIN_BYTES + " random bytes. Only the dev, demo and test environments run without it.");
            }
            LOG.warn("{} is not set: using a random secret for this process only", variable);
            return decoder.decode(generate.secret(randomBytes()));
        }
        // Before anything else: an example is refused for being published, whatever its length or form, so the
        // rule holds for a long example as well as for one the length check would happen to catch.
        if (!lenient && EXAMPLES.contains(value.strip())) {
            throw new ConfigurationException(variable + " (" + property + ") is a value published in "
                    + "documentation, which anyone can read: generate at least " + MIN_BYTES + " random bytes.");
        }
        byte[] key;
        try {
            key = decoder.decode(value);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(variable + " (" + property + ") is malformed: " + e.getMessage());
        }
        if (!lenient && key.length < MIN_BYTES) {
            throw new ConfigurationException(variable + " (" + property + ") is too short: " + key.length
                    + " bytes; use at least " + MIN_BYTES + " random bytes.");
        }
        return key;
    }

    static byte[] randomBytes() {
        byte[] bytes = new byte[MIN_BYTES];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    /** Turns configured text into key bytes. */
    @FunctionalInterface
    public interface Decoder {
        byte[] decode(String text);

        Decoder UTF8 = text -> text.getBytes(StandardCharsets.UTF_8);
    }

    /** Makes the text of a random secret from random bytes. */
    @FunctionalInterface
    public interface Generator {
        String secret(byte[] random);

        Generator BASE64 = random -> Base64.getEncoder().encodeToString(random);
    }
}
