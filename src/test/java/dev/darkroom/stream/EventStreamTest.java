package dev.darkroom.stream;

import dev.darkroom.status.JobView;
import dev.darkroom.support.Cases;
import dev.darkroom.support.Jobs;
import dev.darkroom.support.Tokens;
import io.micronaut.context.annotation.Property;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A job's live stream over real HTTP, through the whole flow: generate, report, apply, stream. */
@MicronautTest(transactional = false)
@Property(name = "darkroom.local-generator.fail-ids", value = "ev-2")
@Property(name = "darkroom.local-generator.latency", value = "150ms")
class EventStreamTest {

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    EmbeddedServer server;

    @Test
    void aJobStreamsItsStatusItsImagesAndItsEndInOrderThenTheStreamCloses() {
        JobView job = new Jobs(http).create("stream-flow", Cases.body(3, 0));

        SseClient stream = open(job.jobId(), Map.of("Authorization", "Bearer " + job.pollToken()));

        await().atMost(Duration.ofSeconds(30)).until(() -> stream.closed);
        assertThat(stream.status).isEqualTo(200);
        assertThat(stream.contentType).startsWith("text/event-stream");
        assertThat(stream.retries).containsExactly("3000");
        assertThat(stream.ids()).isSorted().doesNotHaveDuplicates();
        List<String> names = stream.names();
        assertThat(names.get(0)).isEqualTo("job.status");
        assertThat(names).filteredOn("image.succeeded"::equals).hasSize(2);
        assertThat(names).filteredOn("image.failed"::equals).hasSize(1);
        assertThat(names.get(names.size() - 1)).isEqualTo("job.finished");
        assertThat(names.indexOf("image.succeeded")).isGreaterThan(0);
        assertThat(stream.events.get(names.size() - 1).data())
                .contains("\"status\":\"partial\"", "\"url\":\"/v1/jobs/" + job.jobId() + "/images/ev-1\"");
        assertThat(stream.events).filteredOn(e -> e.name().equals("image.succeeded")).first()
                .satisfies(e -> assertThat(e.data()).contains("\"width\":", "\"bytes\":", "\"provider\":\"local\""));
    }

    @Test
    void aClientAfterTheEndGetsTheWholeHistoryAtOnceAndTheStreamCloses() {
        String jobId = endedJob("stream-after-end");

        SseClient stream = open(jobId, backend());

        await().atMost(Duration.ofSeconds(2)).until(() -> stream.closed);
        assertThat(stream.names()).first().isEqualTo("job.status");
        assertThat(stream.names()).last().isEqualTo("job.finished");
    }

    @Test
    void lastEventIdInTheHeaderResumesWithExactlyTheRest() {
        String jobId = endedJob("stream-resume-header");
        List<SseClient.Sse> all = fullHistory(jobId);
        long after = all.get(2).id();

        SseClient resumed = open(jobId, Map.of("Authorization", "Bearer " + Tokens.backend(),
                "Last-Event-ID", Long.toString(after)));

        await().atMost(Duration.ofSeconds(2)).until(() -> resumed.closed);
        assertThat(resumed.events).containsExactlyElementsOf(all.subList(3, all.size()));
    }

    @Test
    void lastEventIdInTheQueryResumesWithExactlyTheRest() {
        String jobId = endedJob("stream-resume-query");
        List<SseClient.Sse> all = fullHistory(jobId);
        long after = all.get(1).id();

        SseClient resumed = openPath(jobId + "/events?lastEventId=" + after, backend());

        await().atMost(Duration.ofSeconds(2)).until(() -> resumed.closed);
        assertThat(resumed.events).containsExactlyElementsOf(all.subList(2, all.size()));
    }

    @Test
    void aClientResumingAfterTheEndIsToldThereIsNoMore() {
        String jobId = endedJob("stream-resume-after-end");
        List<SseClient.Sse> all = fullHistory(jobId);

        SseClient resumed = open(jobId, Map.of("Authorization", "Bearer " + Tokens.backend(),
                "Last-Event-ID", Long.toString(all.get(all.size() - 1).id())));

        await().atMost(Duration.ofSeconds(2)).until(() -> resumed.closed);
        assertThat(resumed.status).isEqualTo(204);
        assertThat(resumed.events).isEmpty();
    }

    @Test
    void anUnknownLastEventIdStartsFromTheJobsBeginning() {
        String jobId = endedJob("stream-unknown-id");
        List<SseClient.Sse> all = fullHistory(jobId);

        SseClient resumed = open(jobId, Map.of("Authorization", "Bearer " + Tokens.backend(),
                "Last-Event-ID", "999999999"));

        await().atMost(Duration.ofSeconds(2)).until(() -> resumed.closed);
        assertThat(resumed.events).containsExactlyElementsOf(all);
    }

    @Test
    void aPollTokenWorksAsTheTokenQueryParameter() {
        JobView job = new Jobs(http).create("stream-query-token", Cases.body(1, 0));

        SseClient stream = openPath(job.jobId() + "/events?token=" + job.pollToken(), Map.of());

        await().atMost(Duration.ofSeconds(30)).until(() -> stream.closed);
        assertThat(stream.status).isEqualTo(200);
        assertThat(stream.names()).last().isEqualTo("job.finished");
    }

    @Test
    void thePollTokenOfAnotherJobIsForbiddenAndNoTokenIsUnauthorized() {
        JobView mine = new Jobs(http).create("stream-mine", Cases.body(1, 0));
        JobView other = new Jobs(http).create("stream-other", Cases.body(1, 0));

        SseClient foreign = open(mine.jobId(), Map.of("Authorization", "Bearer " + other.pollToken()));
        SseClient foreignInQuery = openPath(mine.jobId() + "/events?token=" + other.pollToken(), Map.of());
        SseClient anonymous = open(mine.jobId(), Map.of());

        await().atMost(Duration.ofSeconds(5)).until(() -> foreign.closed && foreignInQuery.closed && anonymous.closed);
        assertThat(foreign.status).isEqualTo(403);
        assertThat(foreignInQuery.status).isEqualTo(403);
        assertThat(anonymous.status).isEqualTo(401);
        assertThat(foreign.events).isEmpty();
    }

    @Test
    void aJobThatDoesNotExistIsNotFound() {
        SseClient stream = open("no-such-job", backend());

        await().atMost(Duration.ofSeconds(5)).until(() -> stream.closed);
        assertThat(stream.status).isEqualTo(404);
    }

    private String endedJob(String caseId) {
        Jobs jobs = new Jobs(http);
        String jobId = jobs.create(caseId, Cases.body(3, 1)).jobId();
        jobs.awaitTerminal(jobId);
        return jobId;
    }

    private List<SseClient.Sse> fullHistory(String jobId) {
        SseClient stream = open(jobId, backend());
        await().atMost(Duration.ofSeconds(2)).until(() -> stream.closed);
        assertThat(stream.events).hasSizeGreaterThan(4);
        return List.copyOf(stream.events);
    }

    private static Map<String, String> backend() {
        return Map.of("Authorization", "Bearer " + Tokens.backend());
    }

    private SseClient open(String jobId, Map<String, String> headers) {
        return openPath(jobId + "/events", headers);
    }

    private SseClient openPath(String pathAfterJobs, Map<String, String> headers) {
        return SseClient.open(server.getURL().toString(), "/v1/jobs/" + pathAfterJobs, headers);
    }
}
