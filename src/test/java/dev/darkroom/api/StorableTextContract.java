package dev.darkroom.api;

import dev.darkroom.job.ImageTask;
import dev.darkroom.problem.Problem;
import dev.darkroom.status.JobQueries;
import dev.darkroom.status.JobView;
import dev.darkroom.support.Cases;
import dev.darkroom.support.Tokens;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * What an item's text may hold, and that what is accepted is stored as given. The same tests run on H2 and on
 * PostgreSQL, because the databases disagree on text (PostgreSQL refuses NUL, H2 keeps it): the rules must be the
 * service's own, never whichever database happens to complain.
 */
abstract class StorableTextContract {

    static final String EMOJI = "\uD83D\uDD0E"; // U+1F50E, one character, two UTF-16 units

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    JobQueries jobs;

    @Test
    void aNulInANameOrDescriptionIsABadRequestNamingTheField() {
        assertRefused(item("Kni\u0000fe", "sharp"), "evidence[0].name");
        assertRefused(item("Knife", "sharp\u0000"), "evidence[0].description");
    }

    @Test
    void otherControlCharactersAreRefusedToo() {
        assertRefused(item("Bell\u0007", ""), "evidence[0].name");
        assertRefused(item("Knife", "an \u001B[31mescape"), "evidence[0].description");
        assertRefused(item("Knife", "delete\u007F"), "evidence[0].description");
        assertRefused(item("Knife", "next line\u0085"), "evidence[0].description");
    }

    @Test
    void anUnpairedSurrogateIsRefused() {
        assertRefused(item("half \uD83D emoji", ""), "evidence[0].name");
        assertRefused(item("Knife", "\uDD0E reversed"), "evidence[0].description");
    }

    @Test
    void tabsAndLineBreaksAreStoredAsGiven() {
        String description = "line one\r\nline two\n\tindented";
        List<ImageTask> stored = createAndRead(item("Knife\twith tab", description));
        assertThat(stored.get(0).name()).isEqualTo("Knife\twith tab");
        assertThat(stored.get(0).description()).isEqualTo(description);
    }

    @Test
    void lengthsCountCharactersSoTheLongestNameAndDescriptionOfEmojiAreStored() {
        String name = EMOJI.repeat(200);
        String description = EMOJI.repeat(2000);
        List<ImageTask> stored = createAndRead(item(name, description));
        assertThat(stored.get(0).name()).isEqualTo(name);
        assertThat(stored.get(0).description()).isEqualTo(description);
    }

    @Test
    void oneCharacterOverTheLimitIsStillTooLong() {
        assertRefused(item(EMOJI.repeat(201), ""), "evidence[0].name");
        assertRefused(item("Knife", EMOJI.repeat(2001)), "evidence[0].description");
    }

    private static Map<String, Object> item(String name, String description) {
        return Map.of("evidence", List.of(Cases.item("e1", name, description)));
    }

    private List<ImageTask> createAndRead(Map<String, Object> body) {
        String caseId = "text-" + System.nanoTime();
        HttpResponse<JobView> created = http.toBlocking().exchange(HttpRequest.POST("/v1/cases/" + caseId
                + "/image-jobs", body).bearerAuth(Tokens.backend()), JobView.class);
        assertThat(created.getStatus().getCode()).isEqualTo(202);
        return jobs.tasks(created.body().jobId());
    }

    private void assertRefused(Map<String, Object> body, String field) {
        String caseId = "text-" + System.nanoTime();
        HttpClientResponseException e = catchThrowableOfType(HttpClientResponseException.class,
                () -> http.toBlocking().exchange(HttpRequest.POST("/v1/cases/" + caseId + "/image-jobs", body)
                        .bearerAuth(Tokens.backend()), Argument.of(String.class), Argument.of(Problem.class)));
        assertThat(e).as("the request should have been refused").isNotNull();
        assertThat(e.getStatus().getCode()).isEqualTo(400);
        assertThat(e.getResponse().getContentType().map(MediaType::toString)).contains(Problem.MEDIA_TYPE);
        assertThat(e.getResponse().getBody(Problem.class).orElseThrow().errors())
                .extracting(Problem.FieldError::field).containsExactly(field);
        assertThat(jobs.latestForCase(caseId)).as("no job for a refused request").isEmpty();
    }
}
