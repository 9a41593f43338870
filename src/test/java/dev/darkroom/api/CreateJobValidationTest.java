package dev.darkroom.api;

import dev.darkroom.StorableText;
import dev.darkroom.problem.Problem;
import dev.darkroom.status.JobView;
import dev.darkroom.support.Cases;
import dev.darkroom.support.Tokens;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Every rule of a create request, each answered with a problem that names the bad field. */
@MicronautTest(transactional = false)
@Property(name = "darkroom.api.max-items", value = "20")
@Property(name = "darkroom.api.max-body-bytes", value = "65536")
class CreateJobValidationTest {

    @Inject
    @Client("/")
    HttpClient http;

    @Test
    void aBadCaseIdIsNamed() {
        assertRejected("bad%20case!", Cases.body(1, 0), "caseId");
        assertRejected("x".repeat(65), Cases.body(1, 0), "caseId");
    }

    @Test
    void aMissingOrMalformedItemIdIsNamed() {
        assertRejected("c1", Map.of("evidence", List.of(Map.of("name", "Knife"))), "evidence[0].id");
        assertRejected("c1", Map.of("evidence", List.of(Cases.item("has space", "Knife", ""))), "evidence[0].id");
        assertRejected("c1", Map.of("locations", List.of(Cases.item("l".repeat(65), "Hall", ""))), "locations[0].id");
    }

    @Test
    void idsMustBeUniqueWithinTheCase() {
        Map<String, Object> body = Map.of(
                "evidence", List.of(Cases.item("x-1", "Knife", "")),
                "locations", List.of(Cases.item("x-1", "Hall", "")));
        assertRejected("c1", body, "locations[0].id");
    }

    @Test
    void nameIsRequiredAndAtMostTwoHundredCharacters() {
        assertRejected("c1", Map.of("evidence", List.of(Map.of("id", "e1"))), "evidence[0].name");
        assertRejected("c1", Map.of("evidence", List.of(Cases.item("e1", "", ""))), "evidence[0].name");
        assertRejected("c1", Map.of("evidence", List.of(Cases.item("e1", "n".repeat(201), ""))), "evidence[0].name");
    }

    @Test
    void descriptionIsAtMostTwoThousandCharacters() {
        assertRejected("c1", Map.of("evidence", List.of(Cases.item("e1", "Knife", "d".repeat(2001)))),
                "evidence[0].description");
    }

    @Test
    void aJobNeedsAtLeastOneAndAtMostTheConfiguredNumberOfItems() {
        assertRejected("c1", Map.of("evidence", List.of(), "locations", List.of()), "evidence");
        assertRejected("c1", Cases.body(15, 6), "evidence");
    }

    @Test
    void wrongTypesAreNamed() {
        assertRejected("c1", Map.of("evidence", "not a list"), "evidence");
        assertRejected("c1", Map.of("evidence", List.of("not an object")), "evidence[0]");
        assertRejected("c1", Map.of("evidence", List.of(Map.of("id", 42, "name", true))), "evidence[0].id",
                "evidence[0].name");
    }

    @Test
    void malformedJsonIsABadRequest() {
        Problem problem = problemFor(HttpRequest.POST("/v1/cases/c1/image-jobs", "{\"evidence\": [").bearerAuth(Tokens.backend())
                .contentType(MediaType.APPLICATION_JSON_TYPE));
        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.errors()).extracting(Problem.FieldError::field).containsExactly("body");
    }

    @Test
    void contentAfterTheJsonObjectIsMalformedJsonAndCreatesNoJob() {
        String one = "{\"evidence\":[{\"id\":\"e1\",\"name\":\"Knife\"}]}";
        assertBodyRefused("c-trailing-garbage", one + " garbage");
        assertBodyRefused("c-two-documents", one + one);
        assertBodyRefused("c-two-documents-spaced", one + "\n" + one);
        assertBodyRefused("c-trailing-array", one + " []");
    }

    @Test
    void whitespaceAfterTheJsonObjectIsFine() {
        String one = "{\"evidence\":[{\"id\":\"e1\",\"name\":\"Knife\"}]}";
        JobView job = http.toBlocking().retrieve(HttpRequest.POST("/v1/cases/c-trailing-newline/image-jobs",
                one + "\r\n\t ").bearerAuth(Tokens.backend()).contentType(MediaType.APPLICATION_JSON_TYPE),
                JobView.class);
        assertThat(job.counts().total()).isEqualTo(1);
    }

    @Test
    void anEmptyBodyIsABadRequestNamingTheBody() {
        assertBodyRefused("c-empty-body", "");
        assertBodyRefused("c-blank-body", "  \n");
    }

    @Test
    void idsMadeOnlyOfDotsAreRefused() {
        assertRejected("c1", Map.of("evidence", List.of(Cases.item(".", "Knife", ""))), "evidence[0].id");
        assertRejected("c1", Map.of("locations", List.of(Cases.item("..", "Hall", ""))), "locations[0].id");
        assertRejected("c1", Map.of("evidence", List.of(Cases.item("...", "Knife", ""))), "evidence[0].id");
        assertRejected("...", Cases.body(1, 0), "caseId");
        // Percent-encoded, so that no client or server resolves them as path steps before the rule sees them.
        assertRejected("%2E", Cases.body(1, 0), "caseId");
        assertRejected("%2E%2E", Cases.body(1, 0), "caseId");
    }

    @Test
    void idsWithDotsAmongOtherCharactersAreFine() {
        JobView job = http.toBlocking().retrieve(HttpRequest.POST("/v1/cases/case.v2/image-jobs",
                Map.of("evidence", List.of(Cases.item(".hidden", "Knife", ""), Cases.item("a..b", "Fork", ""))))
                .bearerAuth(Tokens.backend()), JobView.class);
        assertThat(job.images()).extracting(JobView.ImageView::id).containsExactly(".hidden", "a..b");
    }

    @Test
    void aBodyOverTheLimitIsTooLarge() {
        Map<String, Object> body = Map.of("evidence", List.of(Cases.item("e1", "Knife", "x".repeat(70_000))));
        Problem problem = problemFor(HttpRequest.POST("/v1/cases/c1/image-jobs", body).bearerAuth(Tokens.backend()));
        assertThat(problem.status()).isEqualTo(413);
    }

    @Test
    void unknownFieldsAreIgnored() {
        Map<String, Object> item = Cases.item("e1", "Knife", "sharp");
        item.put("colour", "red");
        JobView job = http.toBlocking().retrieve(HttpRequest.POST("/v1/cases/c-unknown-fields/image-jobs",
                Map.of("evidence", List.of(item), "extra", Map.of("a", 1))).bearerAuth(Tokens.backend()), JobView.class);
        assertThat(job.counts().total()).isEqualTo(1);
    }

    @Test
    void everyBadFieldIsReportedAtOnce() {
        Map<String, Object> body = Map.of("evidence", List.of(Map.of("id", "ok-1"), Cases.item("bad id", "K", "")));
        assertRejected("c1", body, "evidence[0].name", "evidence[1].id");
    }

    @Test
    void everyProblemOfTypeAndOfRuleComesBackAtOnceWithItsMessage() {
        Map<String, Object> wrongTypeAndTooLong = new LinkedHashMap<>();
        wrongTypeAndTooLong.put("id", 42);
        wrongTypeAndTooLong.put("name", "n".repeat(201));
        Map<String, Object> body = Map.of(
                "evidence", List.of(wrongTypeAndTooLong, Cases.item("twice", "Knife", "nul\u0000"), "not an object",
                        Cases.item("twice", "", "")),
                "locations", List.of(Cases.item("bad id", "Hall", ""), Cases.item("twice", "Hall", "d".repeat(2001)),
                        Map.of("id", "l3")));

        Problem problem = problemFor(HttpRequest.POST("/v1/cases/" + "c".repeat(65) + "/image-jobs", body)
                .bearerAuth(Tokens.backend()));

        assertThat(problem.detail()).isEqualTo("11 fields are invalid");
        assertThat(problem.errors()).containsExactlyInAnyOrder(
                error("caseId", CaseRequest.ID_RULE),
                error("evidence[0].id", "must be a string"),
                error("evidence[0].name", "must be 1-200 characters"),
                error("evidence[1].description", StorableText.RULE),
                error("evidence[2]", "must be an object"),
                error("evidence[3].id", "id twice is used twice in this case"),
                error("evidence[3].name", "must be 1-200 characters"),
                error("locations[0].id", CaseRequest.ID_RULE),
                error("locations[1].id", "id twice is used twice in this case"),
                error("locations[1].description", "must be at most 2000 characters"),
                error("locations[2].name", "is required"));
    }

    @Test
    void theItemCountIsNamedWithItsLimitOnceBothListsAreLists() {
        assertThat(problemFor(create("c1", Map.of("evidence", List.of()))).errors())
                .containsExactly(error("evidence", "evidence and locations together need at least 1 item"));
        assertThat(problemFor(create("c1", Cases.body(15, 6))).errors()).containsExactly(
                error("evidence", "evidence and locations together allow at most 20 items; got 21"));
        assertThat(problemFor(create("c1", Map.of("evidence", List.of(), "locations", "not a list"))).errors())
                .containsExactly(error("locations", "must be an array"));
    }

    private static HttpRequest<?> create(String caseId, Map<String, Object> body) {
        return HttpRequest.POST("/v1/cases/" + caseId + "/image-jobs", body).bearerAuth(Tokens.backend());
    }

    private static Problem.FieldError error(String field, String message) {
        return new Problem.FieldError(field, message);
    }

    private void assertBodyRefused(String caseId, String body) {
        Problem problem = problemFor(HttpRequest.POST("/v1/cases/" + caseId + "/image-jobs", body)
                .bearerAuth(Tokens.backend()).contentType(MediaType.APPLICATION_JSON_TYPE));
        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.errors()).extracting(Problem.FieldError::field).containsExactly("body");
        HttpClientResponseException none = catchThrowableOfType(HttpClientResponseException.class,
                () -> http.toBlocking().exchange(HttpRequest.GET("/v1/cases/" + caseId + "/image-job")
                        .bearerAuth(Tokens.backend())));
        assertThat(none).as("no job was created for case " + caseId).isNotNull();
        assertThat(none.getStatus().getCode()).isEqualTo(404);
    }

    private void assertRejected(String caseId, Map<String, Object> body, String... fields) {
        Problem problem = problemFor(HttpRequest.POST("/v1/cases/" + caseId + "/image-jobs", body).bearerAuth(Tokens.backend()));
        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.type()).endsWith("/validation");
        assertThat(problem.errors()).extracting(Problem.FieldError::field).containsExactlyInAnyOrder(fields);
    }

    private Problem problemFor(HttpRequest<?> request) {
        HttpClientResponseException e = catchThrowableOfType(HttpClientResponseException.class,
                () -> http.toBlocking().exchange(request, Argument.of(String.class), Argument.of(Problem.class)));
        assertThat(e).as("the request should have been refused").isNotNull();
        assertThat(e.getResponse().getContentType().map(MediaType::toString)).contains("application/problem+json");
        return e.getResponse().getBody(Problem.class).orElseThrow();
    }
}
