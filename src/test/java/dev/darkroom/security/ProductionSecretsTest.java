package dev.darkroom.security;

import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Outside dev, demo and test, the service will not start on a missing, short or documented secret. */
class ProductionSecretsTest {

    static final String GOOD_WEBHOOK = "whsec_cHJvZHVjdGlvbi13ZWJob29rLXNlY3JldC0zMi1ieXRlcyE=";
    static final String GOOD = "a-production-secret-of-more-than-32-bytes";

    @Test
    void startsWhenEverySecretIsStrong() {
        try (ApplicationContext context = start(secrets(GOOD_WEBHOOK, GOOD, GOOD))) {
            assertThat(context.isRunning()).isTrue();
        }
    }

    @Test
    void refusesAMissingWebhookSecretAndNamesTheSetting() {
        assertThat(failureOf(secrets(null, GOOD, GOOD))).contains("DARKROOM_WEBHOOK_SECRET");
    }

    /**
     * Each documented example, in each setting, is refused because it is published, whatever its length or form:
     * the rule must not lean on the length check, which a long example would pass.
     */
    @ParameterizedTest(name = "{1} in {0}")
    @MethodSource("documentedExamplesInEverySetting")
    void refusesEverySecretPrintedInDocumentationAsPublished(String variable, String example) {
        String webhook = variable.equals("DARKROOM_WEBHOOK_SECRET") ? example : GOOD_WEBHOOK;
        String jwt = variable.equals("DARKROOM_JWT_SECRET") ? example : GOOD;
        String run = variable.equals("DARKROOM_RUN_SECRET") ? example : GOOD;
        assertThat(failureOf(secrets(webhook, jwt, run)))
                .contains(variable, "published in documentation")
                .doesNotContain("too short", "malformed");
    }

    static Stream<Arguments> documentedExamplesInEverySetting() {
        return Stream.of("DARKROOM_WEBHOOK_SECRET", "DARKROOM_JWT_SECRET", "DARKROOM_RUN_SECRET")
                .flatMap(variable -> SecretPolicy.EXAMPLES.stream().map(example -> Arguments.of(variable, example)));
    }

    @Test
    void refusesAShortWebhookSecretAsTooShort() {
        String short16 = "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[16]);
        assertThat(failureOf(secrets(short16, GOOD, GOOD))).contains("DARKROOM_WEBHOOK_SECRET", "too short");
    }

    @Test
    void refusesAMissingCallbackSecretAndNamesTheSetting() {
        Map<String, Object> properties = secrets(GOOD_WEBHOOK, GOOD, GOOD);
        properties.put("darkroom.callbacks.secret", "");
        assertThat(failureOf(properties)).contains("DARKROOM_CALLBACK_SECRET");
    }

    @Test
    void refusesAShortJwtSecretAndNamesTheSetting() {
        assertThat(failureOf(secrets(GOOD_WEBHOOK, "short-secret", GOOD))).contains("DARKROOM_JWT_SECRET", "too short");
    }

    @Test
    void refusesAMissingRunSecretAndNamesTheSetting() {
        assertThat(failureOf(secrets(GOOD_WEBHOOK, GOOD, null))).contains("DARKROOM_RUN_SECRET");
    }

    private static String failureOf(Map<String, Object> properties) {
        Throwable failure = catchThrowable(() -> start(properties).close());
        assertThat(failure).as("the start should have been refused").isNotNull();
        StringBuilder messages = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append('\n');
        }
        return messages.toString();
    }

    private static ApplicationContext start(Map<String, Object> properties) {
        return ApplicationContext.builder()
                .environments("prod")
                .deduceEnvironment(false)
                .properties(properties)
                .start();
    }

    private static Map<String, Object> secrets(String webhook, String jwt, String run) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("datasources.default.url", "jdbc:h2:mem:prod-" + System.nanoTime()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
        properties.put("micronaut.server.port", -1);
        properties.put("micronaut.server.host", "127.0.0.1");
        properties.put("darkroom.webhook.secret", webhook == null ? "" : webhook);
        properties.put("darkroom.security.jwt-secret", jwt == null ? "" : jwt);
        properties.put("darkroom.security.run-secret", run == null ? "" : run);
        properties.put("darkroom.callbacks.secret", GOOD_WEBHOOK);
        return properties;
    }
}
