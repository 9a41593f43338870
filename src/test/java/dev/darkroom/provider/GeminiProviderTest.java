package dev.darkroom.provider;

import dev.darkroom.provider.gemini.GeminiImageProvider;
import dev.darkroom.run.ImageKind;
import dev.darkroom.status.JobView;
import dev.darkroom.support.Cases;
import dev.darkroom.support.Jobs;
import dev.darkroom.support.MockServers;
import dev.darkroom.support.Pictures;
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
import org.mockserver.model.HttpRequest;
import org.mockserver.model.HttpResponse;
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

/** The Gemini adapter against MockServer speaking generateContent's wire format. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GeminiProviderTest implements TestPropertyProvider {

    static final String PATH = "/v1beta/models/gemini-image-test:generateContent";

    final ClientAndServer gemini = MockServers.start();

    @Inject
    GeminiImageProvider provider;

    @Inject
    @Client("/")
    HttpClient http;

    @Override
    public Map<String, String> getProperties() {
        return Map.of(
                "darkroom.providers.order", "gemini",
                "darkroom.providers.gemini.api-key", "AIza-test-key",
                "darkroom.providers.gemini.base-url", MockServers.url(gemini) + "/v1beta",
                "darkroom.providers.gemini.model", "gemini-image-test",
                "darkroom.providers.gemini.timeout", "1s",
                "darkroom.providers.gemini.price-per-image", "0.039",
                "darkroom.providers.gemini.requests-per-minute", "6000");
    }

    @BeforeEach
    void reset() {
        gemini.reset();
    }

    @AfterAll
    void stop() {
        gemini.stop();
    }

    static HttpRequest generateContent() {
        return request().withMethod("POST").withPath(PATH);
    }

    static HttpResponse image() {
        return json(200, "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":["
                + "{\"text\":\"Here is the knife.\"},"
                + "{\"inlineData\":{\"mimeType\":\"image/png\",\"data\":\"" + Pictures.pngBase64(80, 80) + "\"}}]},"
                + "\"finishReason\":\"STOP\",\"index\":0}],"
                + "\"usageMetadata\":{\"promptTokenCount\":12,\"candidatesTokenCount\":1290},"
                + "\"modelVersion\":\"gemini-image-test\"}");
    }

    static HttpResponse json(int status, String body) {
        return response().withStatusCode(status).withHeader("content-type", "application/json; charset=UTF-8")
                .withBody(body);
    }

    static HttpResponse exhausted(String retryDelay) {
        return json(429, "{\"error\":{\"code\":429,\"message\":\"Resource has been exhausted (e.g. check quota).\","
                + "\"status\":\"RESOURCE_EXHAUSTED\",\"details\":["
                + "{\"@type\":\"type.googleapis.com/google.rpc.QuotaFailure\",\"violations\":[]},"
                + "{\"@type\":\"type.googleapis.com/google.rpc.RetryInfo\",\"retryDelay\":\"" + retryDelay + "\"}]}}");
    }

    static ImageRequest pier() {
        return new ImageRequest("job-1", "run-1", new dev.darkroom.run.ImageSpec("loc-1", ImageKind.LOCATION, "Old pier", "Fog over the water"));
    }

    @Test
    void anImageIsAskedForWithTheKeyAndComesBackFromInlineDataAsA512Jpeg() {
        gemini.when(generateContent()).respond(image());

        GeneratedImage made = provider.generate(pier());

        assertThat(made.contentType()).isEqualTo("image/jpeg");
        assertThat(made.width()).isEqualTo(512);
        gemini.verify(generateContent()
                .withHeader("x-goog-api-key", "AIza-test-key")
                .withBody(JsonBody.json("{\"generationConfig\":{\"responseModalities\":[\"TEXT\",\"IMAGE\"]}}",
                        MatchType.ONLY_MATCHING_FIELDS)), VerificationTimes.exactly(1));
    }

    @Test
    void aSafetyStopIsARefusal() {
        gemini.when(generateContent()).respond(json(200,
                "{\"candidates\":[{\"finishReason\":\"IMAGE_SAFETY\",\"index\":0}]}"));

        ProviderException refused = catchThrowableOfType(ProviderException.class, () -> provider.generate(pier()));

        assertThat(refused.retryable()).isFalse();
        assertThat(refused.code()).isEqualTo("content_policy");
    }

    @Test
    void aBlockedPromptIsARefusal() {
        gemini.when(generateContent()).respond(json(200,
                "{\"promptFeedback\":{\"blockReason\":\"SAFETY\",\"safetyRatings\":[]}}"));

        ProviderException refused = catchThrowableOfType(ProviderException.class, () -> provider.generate(pier()));

        assertThat(refused.retryable()).isFalse();
        assertThat(refused.code()).isEqualTo("content_policy");
    }

    @Test
    void textWithoutAnImageIsFinalAndKeepsWhatTheModelSaid() {
        gemini.when(generateContent()).respond(json(200, "{\"candidates\":[{\"content\":{\"parts\":["
                + "{\"text\":\"I can't create that image.\"}]},\"finishReason\":\"STOP\"}]}"));

        ProviderException refused = catchThrowableOfType(ProviderException.class, () -> provider.generate(pier()));

        assertThat(refused.retryable()).isFalse();
        assertThat(refused.code()).isEqualTo("no_image");
        assertThat(refused.getMessage()).contains("I can't create that image.");
    }

    @Test
    void resourceExhaustedIsRetryableAfterTheRetryInfoDelay() {
        gemini.when(generateContent()).respond(exhausted("21s"));

        ProviderException limited = catchThrowableOfType(ProviderException.class, () -> provider.generate(pier()));

        assertThat(limited.retryable()).isTrue();
        assertThat(limited.retryAfter()).isEqualTo(Duration.ofSeconds(21));
    }

    @Test
    void aModelThatIsGoneIsFinalAndSaysWhichSettingToChange() {
        gemini.when(generateContent()).respond(json(404, "{\"error\":{\"code\":404,\"message\":\"models/"
                + "gemini-image-test is not found for API version v1beta\",\"status\":\"NOT_FOUND\"}}"));

        ProviderException gone = catchThrowableOfType(ProviderException.class, () -> provider.generate(pier()));

        assertThat(gone.retryable()).isFalse();
        assertThat(gone.code()).isEqualTo("model_not_found");
        assertThat(gone.getMessage()).contains("darkroom.providers.gemini.model");
    }

    @Test
    void aServerErrorIsRetryable() {
        gemini.when(generateContent()).respond(json(503, "{\"error\":{\"code\":503,\"message\":"
                + "\"The model is overloaded. Please try again later.\",\"status\":\"UNAVAILABLE\"}}"));

        ProviderException failed = catchThrowableOfType(ProviderException.class, () -> provider.generate(pier()));

        assertThat(failed.retryable()).isTrue();
    }

    @Test
    void malformedAnswersAreBadOutput() {
        gemini.when(generateContent(), Times.once()).respond(json(200, "<html>proxy error</html>"));
        gemini.when(generateContent(), Times.once()).respond(json(200, "{\"candidates\":[{\"content\":{\"parts\":["
                + "{\"inlineData\":{\"mimeType\":\"image/png\",\"data\":\"bm90IGFuIGltYWdl\"}}]}}]}"));

        ProviderException notJson = catchThrowableOfType(ProviderException.class, () -> provider.generate(pier()));
        ProviderException notAnImage = catchThrowableOfType(ProviderException.class, () -> provider.generate(pier()));

        assertThat(notJson.code()).isEqualTo("bad_output");
        assertThat(notJson.retryable()).isFalse();
        assertThat(notAnImage.code()).isEqualTo("bad_output");
    }

    @Test
    void aProviderThatDoesNotAnswerInTimeIsATransientTimeout() {
        gemini.when(generateContent()).respond(image().withDelay(TimeUnit.SECONDS, 5));

        ProviderException late = catchThrowableOfType(ProviderException.class, () -> provider.generate(pier()));

        assertThat(late.retryable()).isTrue();
        assertThat(late.code()).isEqualTo("timeout");
    }

    @Test
    void aJobCompletesThroughGeminiAcross429And5xx() {
        gemini.when(generateContent(), Times.once()).respond(exhausted("0.05s"));
        gemini.when(generateContent(), Times.once()).respond(json(500, "{\"error\":{\"code\":500,"
                + "\"message\":\"An internal error has occurred.\",\"status\":\"INTERNAL\"}}"));
        gemini.when(generateContent()).respond(image());
        Jobs jobs = new Jobs(http);

        JobView done = jobs.awaitTerminal(jobs.create("case-gemini", Cases.body(1, 2)).jobId());

        assertThat(done.status()).isEqualTo("completed");
        assertThat(done.images()).allSatisfy(i -> assertThat(i.provider()).isEqualTo("gemini"));
        assertThat(done.costEstimate()).isEqualByComparingTo(new BigDecimal("0.117"));
        // Three images, one 429 and one 500: five calls at least (a slow machine may add a timeout retry).
        gemini.verify(generateContent(), VerificationTimes.atLeast(5));
    }
}
