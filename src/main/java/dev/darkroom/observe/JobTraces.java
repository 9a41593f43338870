package dev.darkroom.observe;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.propagation.PropagatedContext;
import io.micronaut.tracing.opentelemetry.OpenTelemetryPropagationContext;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One job, one trace. A job's work spans requests, threads, nodes and restarts (create, then a dispatcher's
 * poll, a worker's run, its webhooks), so the trace context of the create is kept with the job in the database
 * and taken up again wherever the job's work resumes. Between the roles it travels as a W3C {@code traceparent}
 * header, which the HTTP client and server instrumentation write and read; signatures cover no header but their
 * own, so the header changes nothing there.
 */
@Singleton
public class JobTraces {

    public static final String INSTRUMENTATION = "dev.darkroom";

    private final JobTraceRepository traces;
    private final Tracer tracer;

    JobTraces(JobTraceRepository traces, OpenTelemetry openTelemetry) {
        this.traces = traces;
        this.tracer = openTelemetry.getTracer(INSTRUMENTATION);
    }

    /**
     * Keeps the current trace context as the job's, in the caller's transaction. Nothing is written while traces
     * are not sampled (tracing off): then there is nothing to join.
     */
    public void remember(String jobId) {
        SpanContext current = Span.current().getSpanContext();
        if (current.isValid() && current.isSampled()) {
            traces.save(new JobTrace(jobId, traceParent(current)));
        }
    }

    /**
     * The propagated context for work on this job: its log fields and its own trace, or none when it has none;
     * never the trace of whoever woke the work up (one dispatcher pass sends the runs of many jobs).
     */
    public PropagatedContext resume(String jobId, @Nullable String caseId, @Nullable String runId) {
        Context trace = traces.findById(jobId).map(kept -> extract(kept.traceParent())).orElse(Context.root());
        return withTrace(JobContext.of(jobId, caseId, runId), trace);
    }

    /**
     * Runs {@code work} in a span of its own, a child of the current one; tasks handed on from inside it (through
     * the propagated context) and HTTP calls made in it are children of it in turn. A failure marks the span.
     */
    public <T> T traced(String name, Map<String, String> attributes, Supplier<T> work) {
        Span span = tracer.spanBuilder(name).setParent(Context.current()).startSpan();
        attributes.forEach(span::setAttribute);
        try (PropagatedContext.Scope ignored = withTrace(PropagatedContext.getOrEmpty(), Context.current().with(span))
                .propagate()) {
            return work.get();
        } catch (RuntimeException e) {
            span.recordException(e);
            span.setStatus(StatusCode.ERROR);
            throw e;
        } finally {
            span.end();
        }
    }

    private static PropagatedContext withTrace(PropagatedContext context, Context trace) {
        OpenTelemetryPropagationContext element = new OpenTelemetryPropagationContext(trace);
        return context.find(OpenTelemetryPropagationContext.class)
                .map(outer -> context.replace(outer, element))
                .orElseGet(() -> context.plus(element));
    }

    private static String traceParent(SpanContext span) {
        return "00-" + span.getTraceId() + "-" + span.getSpanId() + "-" + span.getTraceFlags().asHex();
    }

    private static Context extract(String traceParent) {
        return W3CTraceContextPropagator.getInstance().extract(Context.root(), Map.of("traceparent", traceParent),
                MapGetter.INSTANCE);
    }

    private enum MapGetter implements TextMapGetter<Map<String, String>> {
        INSTANCE;

        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return List.copyOf(carrier.keySet());
        }

        @Override
        @Nullable
        public String get(@Nullable Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    }
}
