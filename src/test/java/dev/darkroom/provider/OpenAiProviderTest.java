package dev.darkroom.provider;

import dev.darkroom.provider.openai.OpenAiImageProvider;
import dev.darkroom.run.ImageKind;
import dev.darkroom.status.JobView;
import dev.darkroom.support.Cases;
import dev.darkroom.support.Jobs;
import dev.darkroom.support.MockServers;
import dev.darkroom.support.OpenAiWire;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.mockserver.integration.ClientAndServer;
import org.mockserver.matchers.MatchType;
import org.mockserver.matchers.Times;
import org.mockserver.model.JsonBody;
import org.mockserver.verify.VerificationTimes;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockserver.model.HttpRequest.request;
import static org.mockserver.model.HttpResponse.response;

/** The OpenAI adapter against MockServer speaking the Images API's wire format. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenAiProviderTest implements TestPropertyProvider {

    final ClientAndServer openai = MockServers.start();

    @Inject
    OpenAiImageProvider provider;

    @Inject
    @Client("/")
    HttpClient http;

    @Override
    public Map<String, String> getProperties() {
        return OpenAiWire.asOnlyProvider(openai, Map.of(
                "darkroom.providers.openai.model", "gpt-image-test",
                "darkroom.providers.openai.timeout", "1s",
                "darkroom.providers.openai.price-per-image", "0.011",
                "darkroom.providers.openai.requests-per-minute", "6000"));
    }

    @BeforeEach
    void reset() {
        openai.reset();
    }

    @AfterAll
    void stop() {
        openai.stop();
    }

    static ImageRequest knife() {
        return new ImageRequest("job-1", "run-1", new dev.darkroom.run.ImageSpec("ev-1", ImageKind.EVIDENCE, "Bent knife", "A bent kitchen knife"));
    }

    @Test
    void anImageIsAskedForWithTheKeyAndModelAndComesBackAsA512Jpeg() {
        openai.when(OpenAiWire.generations()).respond(OpenAiWire.image());

        GeneratedImage made = provider.generate(knife());

        assertThat(made.contentType()).isEqualTo("image/jpeg");
        assertThat(made.width()).isEqualTo(512);
        assertThat(made.height()).isEqualTo(512);
        openai.verify(OpenAiWire.generations()
                .withHeader("Authorization", "Bearer sk-test-key")
                .withBody(JsonBody.json("{\"model\":\"gpt-image-test\",\"n\":1,\"output_format\":\"jpeg\"}",
                        MatchType.ONLY_MATCHING_FIELDS)), VerificationTimes.exactly(1));
    }

    @Test
    void aModerationRefusalIsFinal() {
        openai.when(OpenAiWire.generations()).respond(OpenAiWire.error(400, "image_generation_user_error", "moderation_blocked",
                "Your request was rejected by the safety system."));

        ProviderException refused = catchThrowableOfType(ProviderException.class, () -> provider.generate(knife()));

        assertThat(refused.retryable()).isFalse();
        assertThat(refused.code()).isEqualTo("content_policy");
        assertThat(refused.getMessage()).contains("safety system");
    }

    @Test
    void aRateLimitIsRetryableAfterTheTimeOpenAiAsksFor() {
        openai.when(OpenAiWire.generations()).respond(OpenAiWire.error(429, "requests", "rate_limit_exceeded", "Rate limit reached")
                .withHeader("retry-after-ms", "1500").withHeader("retry-after", "2"));

        ProviderException limited = catchThrowableOfType(ProviderException.class, () -> provider.generate(knife()));

        assertThat(limited.retryable()).isTrue();
        assertThat(limited.code()).isEqualTo("rate_limited");
        assertThat(limited.retryAfter()).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void quotaGoneIsFinal() {
        openai.when(OpenAiWire.generations()).respond(OpenAiWire.error(429, "insufficient_quota", "insufficient_quota",
                "You exceeded your current quota, please check your plan and billing details."));

        ProviderException gone = catchThrowableOfType(ProviderException.class, () -> provider.generate(knife()));

        assertThat(gone.retryable()).isFalse();
        assertThat(gone.code()).isEqualTo("insufficient_quota");
    }

    @Test
    void aRetiredModelIsFinalAndSaysWhichSettingToChange() {
        openai.when(OpenAiWire.generations()).respond(OpenAiWire.error(404, "invalid_request_error", "model_not_found",
                "The model `gpt-image-test` does not exist or you do not have access to it."));

        ProviderException gone = catchThrowableOfType(ProviderException.class, () -> provider.generate(knife()));

        assertThat(gone.retryable()).isFalse();
        assertThat(gone.code()).isEqualTo("model_not_found");
        assertThat(gone.getMessage()).contains("gpt-image-test").contains("darkroom.providers.openai.model");
    }

    @Test
    void aServerErrorIsRetryable() {
        openai.when(OpenAiWire.generations()).respond(OpenAiWire.error(503, "server_error", null, "The server is overloaded"));

        ProviderException failed = catchThrowableOfType(ProviderException.class, () -> provider.generate(knife()));

        assertThat(failed.retryable()).isTrue();
        assertThat(failed.code()).isEqualTo("unavailable");
    }

    @Test
    void anAnswerWithoutAnImageIsBadOutput() {
        openai.when(OpenAiWire.generations(), Times.once()).respond(response().withStatusCode(200)
                .withBody("{\"created\":1,\"data\":[]}"));
        openai.when(OpenAiWire.generations(), Times.once()).respond(response().withStatusCode(200)
                .withBody("{\"created\":1,\"data\":[{\"b64_json\":\"bm90IGFuIGltYWdl\"}]}"));

        ProviderException empty = catchThrowableOfType(ProviderException.class, () -> provider.generate(knife()));
        ProviderException notAnImage = catchThrowableOfType(ProviderException.class,
                () -> provider.generate(knife()));

        assertThat(empty.code()).isEqualTo("bad_output");
        assertThat(empty.retryable()).isFalse();
        assertThat(notAnImage.code()).isEqualTo("bad_output");
        assertThat(notAnImage.retryable()).isFalse();
    }

    @Test
    void anImageUrlInTheAnswerIsNeverFetched() {
        String named = MockServers.url(openai) + "/files/out.png";
        openai.when(OpenAiWire.generations()).respond(response().withStatusCode(200)
                .withBody("{\"created\":1,\"data\":[{\"url\":\"" + named + "\"}]}"));

        ProviderException refused = catchThrowableOfType(ProviderException.class, () -> provider.generate(knife()));

        assertThat(refused.code()).isEqualTo("bad_output");
        assertThat(openai.retrieveRecordedRequests(org.mockserver.model.HttpRequest.request().withPath("/files/.*")))
                .as("a URL from the answer is not followed, with the key or without").isEmpty();
    }

    @Test
    void aProviderThatDoesNotAnswerInTimeIsATransientTimeout() {
        openai.when(OpenAiWire.generations()).respond(OpenAiWire.image().withDelay(TimeUnit.SECONDS, 5));

        ProviderException late = catchThrowableOfType(ProviderException.class, () -> provider.generate(knife()));

        assertThat(late.retryable()).isTrue();
        assertThat(late.code()).isEqualTo("timeout");
    }

    @Test
    void aJobCompletesThroughOpenAiAcross429And5xxAndRecordsProviderAndCost() {
        openai.when(OpenAiWire.generations(), Times.once()).respond(OpenAiWire.error(429, "requests", "rate_limit_exceeded", "slow down")
                .withHeader("retry-after-ms", "50"));
        openai.when(OpenAiWire.generations(), Times.once()).respond(OpenAiWire.error(502, "server_error", null, "Bad gateway"));
        openai.when(OpenAiWire.generations()).respond(OpenAiWire.image());
        Jobs jobs = new Jobs(http);

        JobView done = jobs.awaitTerminal(jobs.create("case-openai", Cases.body(3, 1)).jobId());

        assertThat(done.status()).isEqualTo("completed");
        assertThat(done.images()).allSatisfy(i -> assertThat(i.provider()).isEqualTo("openai"));
        assertThat(done.costEstimate()).isEqualByComparingTo(new BigDecimal("0.044"));
        openai.verify(OpenAiWire.generations(), VerificationTimes.exactly(6));
    }
}
