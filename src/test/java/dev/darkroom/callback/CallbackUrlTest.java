package dev.darkroom.callback;

import dev.darkroom.job.callback.CallbackRepository;
import dev.darkroom.job.callback.CallbackStatus;
import dev.darkroom.problem.Problem;
import dev.darkroom.status.JobView;
import dev.darkroom.support.Cases;
import dev.darkroom.support.Tokens;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Which callback URLs a create request may carry: each refusal is a 400 naming callback.url. */
@MicronautTest(transactional = false)
@Property(name = "darkroom.callbacks.allowed-hosts", value = "http://127.0.0.1:1090,hooks.example.com,localhost")
@Property(name = "darkroom.callbacks.enabled", value = "false")
class CallbackUrlTest {

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    CallbackRepository callbacks;

    @Test
    void anAllowedUrlIsStoredWithTheJobUntilItEnds() {
        JobView job = create("c-callback-ok", Map.of("url", "http://127.0.0.1:1090/hooks/darkroom"));
        assertThat(callbacks.findById(job.jobId())).hasValueSatisfying(callback -> {
            assertThat(callback.url()).isEqualTo("http://127.0.0.1:1090/hooks/darkroom");
            assertThat(callback.status()).isEqualTo(CallbackStatus.WAITING);
        });
    }

    @Test
    void aHostNotOnTheAllowListIsRefused() {
        assertRefused(Map.of("url", "https://evil.example.net/hook"));
    }

    @Test
    void plainHttpIsRefusedWhereOnlyHttpsIsAllowed() {
        assertRefused(Map.of("url", "http://hooks.example.com/hook"));
    }

    @Test
    void anotherPortOfAnAllowedAddressIsRefused() {
        assertRefused(Map.of("url", "http://127.0.0.1:1091/hook"));
    }

    @Test
    void aLoopbackAddressIsRefusedUnlessAnEntryNamesThatAddress() {
        assertRefused(Map.of("url", "https://localhost/hook"));
    }

    @Test
    void aMissingOrMistypedUrlIsNamed() {
        assertRefused(Map.of());
        assertRefused(Map.of("url", 42));
        assertRefused(Map.of("url", "not a url"));
    }

    private JobView create(String caseId, Map<String, Object> callback) {
        Map<String, Object> body = Cases.body(1, 0);
        body.put("callback", callback);
        return http.toBlocking().retrieve(HttpRequest.POST("/v1/cases/" + caseId + "/image-jobs", body)
                .bearerAuth(Tokens.backend()), JobView.class);
    }

    private void assertRefused(Map<String, Object> callback) {
        Map<String, Object> body = Cases.body(1, 0);
        body.put("callback", callback);
        HttpClientResponseException e = catchThrowableOfType(HttpClientResponseException.class,
                () -> http.toBlocking().exchange(HttpRequest.POST("/v1/cases/c-refused/image-jobs", body)
                        .bearerAuth(Tokens.backend())));
        assertThat(e.getStatus().getCode()).isEqualTo(400);
        Problem problem = e.getResponse().getBody(Argument.of(Problem.class)).orElseThrow();
        assertThat(problem.errors()).extracting(Problem.FieldError::field).containsExactly("callback.url");
    }
}
