package dev.darkroom.security;

import dev.darkroom.problem.Problem;
import dev.darkroom.status.JobView;
import dev.darkroom.support.Cases;
import dev.darkroom.support.Jobs;
import dev.darkroom.support.Tokens;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Operators' scopes: {@code ops:read} looks at every job and the dashboard's reads, {@code ops:write} acts on jobs. */
@MicronautTest(transactional = false)
class OperatorScopesTest {

    static final String LOOK = Tokens.forSubject("operator", Scopes.OPS_READ);
    static final String ACT = Tokens.forSubject("operator", Scopes.OPS_WRITE);

    @Inject
    @Client("/")
    HttpClient http;

    Jobs jobs;

    @BeforeEach
    void setUp() {
        jobs = new Jobs(http);
    }

    @Test
    void aReadOnlyOperatorSeesEveryJobItsImagesAndItsStream() {
        JobView job = jobs.awaitTerminal(jobs.create("case-ops-look", Cases.body(1, 0)).jobId());

        assertThat(status(HttpRequest.GET("/v1/jobs/" + job.jobId()).bearerAuth(LOOK))).isEqualTo(200);
        assertThat(status(HttpRequest.GET("/v1/cases/case-ops-look/image-job").bearerAuth(LOOK))).isEqualTo(200);
        assertThat(status(HttpRequest.GET(job.images().get(0).url()).bearerAuth(LOOK))).isEqualTo(200);
        assertThat(status(HttpRequest.GET(job.images().get(0).url() + "?token=" + LOOK))).isEqualTo(200);
        assertThat(status(HttpRequest.GET("/v1/jobs/" + job.jobId() + "/events?token=" + LOOK))).isEqualTo(200);
        assertThat(status(HttpRequest.GET("/v1/ops/stats").bearerAuth(LOOK))).isEqualTo(200);
        assertThat(status(HttpRequest.GET("/v1/jobs?status=completed").bearerAuth(LOOK))).isEqualTo(200);
        assertThat(status(HttpRequest.GET("/v1/jobs/" + job.jobId() + "/timeline").bearerAuth(LOOK))).isEqualTo(200);
        assertThat(status(HttpRequest.GET("/v1/ops/counts").bearerAuth(LOOK))).isEqualTo(200);
        assertThat(status(HttpRequest.GET("/v1/ops/providers").bearerAuth(LOOK))).isEqualTo(200);
        assertThat(status(HttpRequest.GET("/v1/cases/case-ops-nothing/image-job").bearerAuth(LOOK)))
                .as("an operator is told a case has no job, not that it may not look").isEqualTo(404);
    }

    @Test
    void aReadOnlyOperatorIsRefusedEveryAction() {
        JobView job = jobs.create("case-ops-refused", Cases.body(1, 0));

        for (String action : new String[] {"retry", "cancel", "callback/redeliver", "poll-token"}) {
            HttpResponse<?> answer = exchange(HttpRequest.POST("/v1/jobs/" + job.jobId() + "/" + action, "")
                    .bearerAuth(LOOK));
            assertThat(answer.code()).as(action).isEqualTo(403);
        }
        assertThat(status(HttpRequest.POST("/v1/cases/case-ops-create/image-jobs", Cases.body(1, 0))
                .bearerAuth(LOOK))).isEqualTo(403);
    }

    @Test
    void anOperatorWhoMayActCreatesNothingAndMintsNoPollTokens() {
        JobView job = jobs.create("case-ops-no-mint", Cases.body(1, 0));

        assertThat(status(HttpRequest.POST("/v1/cases/case-ops-act-create/image-jobs", Cases.body(1, 0))
                .bearerAuth(ACT))).isEqualTo(403);
        assertThat(status(HttpRequest.POST("/v1/jobs/" + job.jobId() + "/poll-token", "").bearerAuth(ACT)))
                .isEqualTo(403);
        assertThat(status(HttpRequest.GET("/v1/jobs/" + job.jobId()).bearerAuth(ACT)))
                .as("acting is not looking: an operator's token carries both scopes").isEqualTo(403);
    }

    int status(HttpRequest<?> request) {
        return exchange(request).code();
    }

    HttpResponse<?> exchange(HttpRequest<?> request) {
        try {
            return http.toBlocking().exchange(request, Argument.of(String.class), Argument.of(Problem.class));
        } catch (HttpClientResponseException e) {
            return e.getResponse();
        }
    }
}
