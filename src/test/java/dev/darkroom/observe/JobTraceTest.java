package dev.darkroom.observe;

import dev.darkroom.status.JobView;
import dev.darkroom.support.Cases;
import dev.darkroom.support.Jobs;
import io.micronaut.context.annotation.Property;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One job is one trace: the create, the dispatch, the run on the worker, each provider call and each webhook the
 * receiver takes, though they happen in several requests, on several threads, with the database between them.
 */
@MicronautTest(transactional = false)
@Property(name = "darkroom.test.spans", value = "memory")
@Property(name = "darkroom.local-generator.fail-ids", value = "ev-2")
class JobTraceTest {

    static final AttributeKey<String> ROUTE = AttributeKey.stringKey("http.route");

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    InMemorySpanExporter spans;

    @Test
    void oneJobsSpansShareOneTrace() {
        Jobs jobs = new Jobs(http);
        JobView job = jobs.create("case-traced", Cases.body(3, 1));
        assertThat(jobs.awaitTerminal(job.jobId()).status()).isEqualTo("partial");

        // Four image events, run.started and run.finished: six webhooks, each applied in a server span.
        await().atMost(Duration.ofSeconds(10)).until(() -> served("/v1/webhooks/worker").size() >= 6);
        List<SpanData> all = spans.getFinishedSpanItems();
        SpanData create = served("/v1/cases/{caseId}/image-jobs").get(0);
        String trace = create.getTraceId();

        assertThat(served("/internal/runs")).singleElement().satisfies(run -> assertThat(run.getTraceId())
                .isEqualTo(trace));
        assertThat(served("/v1/webhooks/worker")).hasSizeGreaterThanOrEqualTo(6)
                .allSatisfy(webhook -> assertThat(webhook.getTraceId()).isEqualTo(trace));
        assertThat(named("dispatch run", all)).singleElement()
                .satisfies(dispatch -> assertThat(dispatch.getTraceId()).isEqualTo(trace));
        assertThat(named("provider call", all)).hasSize(4)
                .allSatisfy(call -> assertThat(call.getTraceId()).isEqualTo(trace));
        // The run request went out from inside the dispatch span, so the worker's span is its grandchild.
        SpanData dispatch = named("dispatch run", all).get(0);
        assertThat(all).filteredOn(span -> span.getKind() == SpanKind.CLIENT
                        && span.getParentSpanId().equals(dispatch.getSpanId()))
                .isNotEmpty();
    }

    private List<SpanData> served(String route) {
        return spans.getFinishedSpanItems().stream()
                .filter(span -> span.getKind() == SpanKind.SERVER)
                .filter(span -> route.equals(span.getAttributes().get(ROUTE)))
                .toList();
    }

    private static List<SpanData> named(String name, List<SpanData> spans) {
        Predicate<SpanData> named = span -> span.getName().equals(name);
        return spans.stream().filter(named).toList();
    }
}
