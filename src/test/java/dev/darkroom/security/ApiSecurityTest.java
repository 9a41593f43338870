package dev.darkroom.security;

import dev.darkroom.problem.Problem;
import dev.darkroom.status.JobView;
import dev.darkroom.support.Cases;
import dev.darkroom.support.Jobs;
import dev.darkroom.support.Tokens;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Who gets in where: bearer tokens and their scopes on the public API, and poll tokens on one job. */
@MicronautTest(transactional = false)
class ApiSecurityTest {

    @Inject
    @Client("/")
    HttpClient http;

    Jobs jobs;

    @BeforeEach
    void setUp() {
        jobs = new Jobs(http);
    }

    @Test
    void noTokenIsUnauthorized() {
        assertThat(status(create("case-no-token"))).isEqualTo(401);
        assertThat(status(HttpRequest.GET("/v1/jobs/any"))).isEqualTo(401);
        assertThat(status(HttpRequest.GET("/v1/jobs/any/images/ev-1"))).isEqualTo(401);
        assertThat(status(HttpRequest.GET("/v1/cases/any/image-job"))).isEqualTo(401);
    }

    @Test
    void anExpiredTokenIsUnauthorized() {
        String expired = token(Tokens.SECRET, Instant.now().minus(Duration.ofHours(2)), Duration.ofHours(1));
        assertThat(status(create("case-expired").bearerAuth(expired))).isEqualTo(401);
    }

    @Test
    void aTokenNotYetValidIsUnauthorized() {
        String future = token(Tokens.SECRET, Instant.now().plus(Duration.ofHours(1)), Duration.ofHours(1));
        assertThat(status(create("case-future").bearerAuth(future))).isEqualTo(401);
    }

    @Test
    void aTokenSignedWithAnotherKeyIsUnauthorized() {
        String forged = token("a-completely-different-secret-of-32-bytes", Instant.now(), Duration.ofHours(1));
        assertThat(status(create("case-forged").bearerAuth(forged))).isEqualTo(401);
    }

    @Test
    void anUnsignedTokenWithAlgNoneIsUnauthorized() {
        String none = new PlainJWT(claims(Instant.now(), Duration.ofHours(1))).serialize();
        assertThat(none.split("\\.", -1)[2]).isEmpty();
        assertThat(status(create("case-alg-none").bearerAuth(none))).isEqualTo(401);
    }

    @Test
    void aValidTokenWithoutTheScopeIsForbidden() {
        assertThat(status(create("case-read-only").bearerAuth(Tokens.withScopes(Scopes.JOBS_READ)))).isEqualTo(403);
        String jobId = jobs.create("case-write-only", Cases.body(1, 0)).jobId();
        assertThat(status(HttpRequest.GET("/v1/jobs/" + jobId).bearerAuth(Tokens.withScopes(Scopes.JOBS_WRITE))))
                .isEqualTo(403);
    }

    @Test
    void aPollTokenReadsItsOwnJobAndImagesAndNothingElse() {
        JobView mine = jobs.create("case-poll-mine", Cases.body(1, 0));
        JobView other = jobs.create("case-poll-other", Cases.body(1, 0));
        String poll = mine.pollToken();
        assertThat(poll).isNotBlank();
        jobs.awaitTerminal(mine.jobId());

        JobView read = http.toBlocking().retrieve(HttpRequest.GET("/v1/jobs/" + mine.jobId()).bearerAuth(poll),
                JobView.class);
        assertThat(read.jobId()).isEqualTo(mine.jobId());
        assertThat(read.pollToken()).as("a poll token is handed out once, on creation").isNull();
        byte[] image = http.toBlocking().retrieve(HttpRequest.GET(read.images().get(0).url() + "?token=" + poll),
                byte[].class);
        assertThat(image).isNotEmpty();
        assertThat(http.toBlocking().retrieve(HttpRequest.GET("/v1/cases/case-poll-mine/image-job").bearerAuth(poll),
                JobView.class).jobId()).isEqualTo(mine.jobId());

        assertThat(status(HttpRequest.GET("/v1/jobs/" + other.jobId()).bearerAuth(poll))).isEqualTo(403);
        assertThat(status(HttpRequest.GET("/v1/jobs/" + other.jobId() + "/images/ev-1?token=" + poll)))
                .isEqualTo(403);
        assertThat(status(HttpRequest.GET("/v1/cases/case-poll-other/image-job").bearerAuth(poll))).isEqualTo(403);
        assertThat(status(create("case-poll-create").bearerAuth(poll))).isEqualTo(403);
    }

    @Test
    void theBackendCanIssueAFreshPollTokenForAJob() {
        JobView job = jobs.create("case-poll-reissue", Cases.body(1, 0));
        @SuppressWarnings("unchecked")
        java.util.Map<String, String> fresh = http.toBlocking().retrieve(HttpRequest.POST("/v1/jobs/" + job.jobId()
                + "/poll-token", "").bearerAuth(Tokens.backend()), java.util.Map.class);

        assertThat(fresh.get("pollToken")).isNotBlank().isNotEqualTo(job.pollToken());
        assertThat(http.toBlocking().retrieve(HttpRequest.GET("/v1/jobs/" + job.jobId())
                .bearerAuth(fresh.get("pollToken")), JobView.class).jobId()).isEqualTo(job.jobId());
        assertThat(status(HttpRequest.POST("/v1/jobs/" + job.jobId() + "/poll-token", "")
                .bearerAuth(job.pollToken()))).as("a player cannot mint tokens").isEqualTo(403);
    }

    @Test
    void aTokenInTheQueryIsReadOnImagesOnly() {
        JobView job = jobs.create("case-query-token", Cases.body(1, 0));
        assertThat(status(HttpRequest.GET("/v1/jobs/" + job.jobId() + "?token=" + job.pollToken()))).isEqualTo(401);
    }

    @Test
    void anExpiredPollTokenIsUnauthorized() {
        JobView job = jobs.create("case-poll-expired", Cases.body(1, 0));
        String expired = TokenMinter.mint(Tokens.SECRET.getBytes(StandardCharsets.UTF_8), "job:" + job.jobId(),
                List.of(Scopes.oneJob(job.jobId())), Duration.ofHours(24), Instant.now().minus(Duration.ofDays(2)));
        assertThat(status(HttpRequest.GET("/v1/jobs/" + job.jobId()).bearerAuth(expired))).isEqualTo(401);
    }

    @Test
    void refusalsAreProblems() {
        HttpClientResponseException e = catchThrowableOfType(HttpClientResponseException.class,
                () -> http.toBlocking().exchange(HttpRequest.GET("/v1/jobs/x"), Argument.of(String.class),
                        Argument.of(String.class)));
        assertThat(e.getResponse().getContentType().map(MediaType::toString)).contains("application/problem+json");
        assertThat(e.getResponse().getBody(Problem.class)).hasValueSatisfying(p -> assertThat(p.status())
                .isEqualTo(401));
    }

    private MutableHttpRequest<?> create(String caseId) {
        return HttpRequest.POST("/v1/cases/" + caseId + "/image-jobs", Cases.body(1, 0));
    }

    private int status(HttpRequest<?> request) {
        HttpClientResponseException e = catchThrowableOfType(HttpClientResponseException.class,
                () -> http.toBlocking().exchange(request, Argument.of(String.class), Argument.of(String.class)));
        assertThat(e).as("the request should have been refused").isNotNull();
        return e.getStatus().getCode();
    }

    private static String token(String secret, Instant issued, Duration ttl) {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims(issued, ttl));
        try {
            jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    private static JWTClaimsSet claims(Instant issued, Duration ttl) {
        return new JWTClaimsSet.Builder().subject("game-backend").issueTime(Date.from(issued))
                .notBeforeTime(Date.from(issued)).expirationTime(Date.from(issued.plus(ttl)))
                .claim("scope", Scopes.JOBS_WRITE + " " + Scopes.JOBS_READ).build();
    }
}
