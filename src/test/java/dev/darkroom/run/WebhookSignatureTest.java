package dev.darkroom.run;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebhookSignatureTest {

    // The example published with the Standard Webhooks specification and used by its reference libraries.
    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    static final long TIMESTAMP = 1614265330L;
    static final byte[] BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
    static final String EXPECTED = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    @Test
    void signingMatchesTheSpecificationsKnownAnswer() {
        assertThat(WebhookSignature.sign(WebhookSignature.decodeSecret(SECRET), ID, TIMESTAMP, BODY))
                .isEqualTo(EXPECTED);
    }

    @Test
    void anyMatchingEntryOfASpaceSeparatedHeaderIsAccepted() {
        byte[] key = WebhookSignature.decodeSecret(SECRET);
        assertThat(WebhookSignature.matches(key, ID, TIMESTAMP, BODY, "v1,bm90IGl0 " + EXPECTED)).isTrue();
        assertThat(WebhookSignature.matches(key, ID, TIMESTAMP, BODY, "v2,abc v1,bm90IGl0")).isFalse();
    }

    @Test
    void aChangedByteIdOrTimestampBreaksTheSignature() {
        byte[] key = WebhookSignature.decodeSecret(SECRET);
        byte[] tampered = "{\"test\": 2432232315}".getBytes(StandardCharsets.UTF_8);
        assertThat(WebhookSignature.matches(key, ID, TIMESTAMP, tampered, EXPECTED)).isFalse();
        assertThat(WebhookSignature.matches(key, ID + "x", TIMESTAMP, BODY, EXPECTED)).isFalse();
        assertThat(WebhookSignature.matches(key, ID, TIMESTAMP + 1, BODY, EXPECTED)).isFalse();
    }

    @Test
    void aSecretThatIsNotBase64IsRefused() {
        assertThatThrownBy(() -> WebhookSignature.decodeSecret("whsec_not base64!"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
