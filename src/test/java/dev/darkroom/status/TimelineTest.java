package dev.darkroom.status;

import dev.darkroom.job.JobUpdater;
import dev.darkroom.job.callback.CallbackAttempt;
import dev.darkroom.job.callback.CallbackAttemptRepository;
import dev.darkroom.problem.Problem;
import dev.darkroom.security.Scopes;
import dev.darkroom.support.Cases;
import dev.darkroom.support.Jobs;
import dev.darkroom.support.Tokens;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A job's timeline: its story oldest first, from its row, its event log, its dispatches and its callback attempts. */
@MicronautTest(transactional = false)
@Property(name = "darkroom.local-generator.fail-ids", value = "ev-2")
@Property(name = "darkroom.local-generator.hang-ids", value = "loc-1")
class TimelineTest {

    static final String OPERATOR = Tokens.withScopes(Scopes.OPS_READ);

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    JobUpdater updater;

    @Inject
    TransactionOperations<Connection> tx;

    @Inject
    CallbackAttemptRepository callbackAttempts;

    Jobs jobs;

    @BeforeEach
    void setUp() {
        jobs = new Jobs(http);
    }

    @Test
    void aJobsStoryRunsFromItsCreationThroughItsImagesToItsEndOldestFirst() {
        JobView job = jobs.awaitTerminal(jobs.create("case-timeline", Cases.body(2, 0)).jobId());
        assertThat(job.status()).isEqualTo("partial");

        List<JobTimeline.Entry> entries = timeline(job.jobId(), OPERATOR).entries();

        assertThat(entries).extracting(JobTimeline.Entry::kind).startsWith("created", "dispatch")
                .contains("status", "image.succeeded", "image.failed").endsWith("finished")
                .doesNotContain("attempt", "callback");
        assertThat(entries).extracting(JobTimeline.Entry::at).isSorted();
        assertThat(entries.get(0).detail()).isEqualTo("2 images");
        assertThat(entries).filteredOn(e -> e.kind().equals("dispatch")).singleElement()
                .satisfies(e -> assertThat(e.detail()).contains("sent to a worker"));
        assertThat(entries).filteredOn(e -> e.kind().equals("image.succeeded")).singleElement()
                .satisfies(e -> assertThat(e.detail()).isEqualTo("ev-1 by local"));
        assertThat(entries).filteredOn(e -> e.kind().equals("image.failed")).singleElement()
                .satisfies(e -> assertThat(e.detail()).startsWith("ev-2: "));
        assertThat(entries.get(entries.size() - 1).detail()).startsWith("partial: 1 succeeded, 1 failed");
        assertThat(entries).filteredOn(e -> e.kind().equals("status")).extracting(JobTimeline.Entry::detail)
                .as("an end shows once, as finished").noneMatch(d -> d.startsWith("partial"));
    }

    @Test
    void aNewAttemptAndItsReasonAndEachCallbackAttemptShowInTheirPlace() {
        JobView job = jobs.create("case-timeline-lost", Cases.body(0, 1));
        await().atMost(Duration.ofSeconds(20)).until(() -> jobs.get(job.jobId()).status().equals("generating"));
        tx.executeWrite(status -> updater.retryOrGiveUp(updater.lock(job.jobId()).orElseThrow(),
                "run lost in a test"));
        Instant answered = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        callbackAttempts.save(new CallbackAttempt(UUID.randomUUID().toString(), job.jobId(), "msg-1", answered, 503,
                null, 12, answered.plusSeconds(30)));
        callbackAttempts.save(new CallbackAttempt(UUID.randomUUID().toString(), job.jobId(), "msg-1",
                answered.plusSeconds(30), null, "connection refused by backend.internal", 5, null));

        List<JobTimeline.Entry> entries = timeline(job.jobId(), OPERATOR).entries();
        List<JobTimeline.Entry> player = timeline(job.jobId(), job.pollToken()).entries();
        http.toBlocking().exchange(HttpRequest.POST("/v1/jobs/" + job.jobId() + "/cancel", "")
                .bearerAuth(Tokens.backend()));

        assertThat(entries).filteredOn(e -> e.kind().equals("attempt")).singleElement()
                .satisfies(e -> assertThat(e.detail()).isEqualTo("attempt 2: run lost in a test"));
        assertThat(entries).filteredOn(e -> e.kind().equals("dispatch")).hasSize(2);
        assertThat(entries).filteredOn(e -> e.kind().equals("callback")).extracting(JobTimeline.Entry::detail)
                .containsExactly("answered 503 in 12 ms; next try at " + answered.plusSeconds(30),
                        "no answer: connection refused by backend.internal in 5 ms");
        assertThat(entries).extracting(JobTimeline.Entry::at).isSorted();
        assertThat(player).extracting(JobTimeline.Entry::kind).isEqualTo(entries.stream()
                .map(JobTimeline.Entry::kind).toList());
        assertThat(player).filteredOn(e -> e.kind().equals("callback")).extracting(JobTimeline.Entry::detail)
                .as("a player is not told what the backend's network said").contains("no answer in 5 ms");
    }

    @Test
    void theTimelineIsReadWithTheRightsThatReadTheJob() {
        JobView mine = jobs.create("case-timeline-mine", Cases.body(1, 0));
        JobView other = jobs.create("case-timeline-other", Cases.body(1, 0));

        assertThat(code("/v1/jobs/" + mine.jobId() + "/timeline", Tokens.withScopes(Scopes.JOBS_READ)))
                .isEqualTo(200);
        assertThat(code("/v1/jobs/" + mine.jobId() + "/timeline", mine.pollToken())).isEqualTo(200);
        assertThat(code("/v1/jobs/" + other.jobId() + "/timeline", mine.pollToken())).isEqualTo(403);
        assertThat(code("/v1/jobs/" + mine.jobId() + "/timeline", Tokens.withScopes(Scopes.OPS_WRITE)))
                .isEqualTo(403);
        assertThat(code("/v1/jobs/no-such-job/timeline", OPERATOR)).isEqualTo(404);
    }

    JobTimeline.Timeline timeline(String jobId, String token) {
        return http.toBlocking().retrieve(HttpRequest.GET("/v1/jobs/" + jobId + "/timeline").bearerAuth(token),
                JobTimeline.Timeline.class);
    }

    int code(String path, String token) {
        try {
            HttpResponse<?> answer = http.toBlocking().exchange(HttpRequest.GET(path).bearerAuth(token),
                    Argument.of(String.class), Argument.of(Problem.class));
            return answer.code();
        } catch (HttpClientResponseException e) {
            return e.getStatus().getCode();
        }
    }
}
