package dev.darkroom.status;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.darkroom.support.Cases;
import dev.darkroom.support.Jobs;
import dev.darkroom.support.SilentWorker;
import dev.darkroom.support.Tokens;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a poll reads, counted from Micronaut Data's own log of every statement it runs: a 304 reads the job row's
 * version and nothing else, and a second poll of a version already rendered does not read the images again.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PollReadsTest implements TestPropertyProvider {

    final ListAppender<ILoggingEvent> statements = new ListAppender<>();

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    EmbeddedServer server;

    SilentWorker worker;
    Polls polls;

    @Override
    public Map<String, String> getProperties() {
        worker = new SilentWorker(JsonMapper.createDefault());
        return Map.of("darkroom.dispatch.worker-url", worker.url());
    }

    @BeforeAll
    void setUp() {
        worker.reset();
        polls = new Polls(server.getURL());
    }

    @BeforeEach
    void listen() {
        statements.start();
        queryLog().addAppender(statements);
        queryLog().setLevel(Level.DEBUG);
    }

    @AfterEach
    void stopListening() {
        queryLog().detachAppender(statements);
        queryLog().setLevel(null);
    }

    @AfterAll
    void stop() {
        worker.stop();
    }

    @Test
    void aNotModifiedAnswerReadsTheVersionAloneAndNoImage() {
        String path = "/v1/jobs/" + endedJob("case-reads-304");
        String current = Polls.etag(polls.get(path, Tokens.backend()));

        statements.list.clear();
        HttpResponse<String> answer = polls.get(path, Tokens.backend(), current);
        List<String> read = executed();

        assertThat(answer.statusCode()).isEqualTo(304);
        assertThat(read).as("one read of the version, and nothing else").hasSize(1)
                .allMatch(sql -> sql.startsWith("select id, status, version from jobs where id"));
    }

    @Test
    void aViewIsRenderedOncePerVersionAndServedFromItsCopyAfter() {
        String path = "/v1/jobs/" + endedJob("case-reads-200");

        statements.list.clear();
        HttpResponse<String> first = polls.get(path, Tokens.backend());
        List<String> firstReads = executed();
        statements.list.clear();
        HttpResponse<String> second = polls.get(path, Tokens.backend());
        List<String> secondReads = executed();

        assertThat(firstReads).as("the first poll renders the view").anyMatch(sql -> sql.contains("image_tasks"));
        assertThat(secondReads).as("the second serves the copy, checked against the row's version").hasSize(1)
                .allMatch(sql -> sql.startsWith("select id, status, version from jobs where id"));
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(Polls.etag(second)).isEqualTo(Polls.etag(first));
    }

    /** A canceled job: nothing in the background reads or writes it any more. */
    private String endedJob(String caseId) {
        String jobId = new Jobs(http).create(caseId, Cases.body(2, 1)).jobId();
        http.toBlocking().exchange(HttpRequest.POST("/v1/jobs/" + jobId + "/cancel", "").bearerAuth(Tokens.backend()));
        return jobId;
    }

    /** Statements run on the server's request threads since the list was cleared, in lower case. */
    private List<String> executed() {
        return statements.list.stream()
                .filter(line -> !line.getThreadName().contains("scheduled") && !line.getThreadName().contains("dispatch"))
                .map(ILoggingEvent::getFormattedMessage)
                .filter(message -> message.startsWith("Executing Query:"))
                .map(message -> message.substring("Executing Query:".length()).trim().toLowerCase(Locale.ROOT))
                .toList();
    }

    private static Logger queryLog() {
        return ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger("io.micronaut.data.query");
    }
}
