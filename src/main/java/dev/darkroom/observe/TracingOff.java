package dev.darkroom.observe;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import jakarta.inject.Singleton;

/**
 * With no exporter and no span processor nobody would ever see a span, so none is sampled: requests still pass a
 * {@code traceparent} on, but no job keeps a trace context and no span is recorded.
 */
@Factory
class TracingOff {

    @Singleton
    @Requires(property = "otel.traces.exporter", value = "none", defaultValue = "none")
    @Requires(missingBeans = SpanProcessor.class)
    Sampler sampleNothing() {
        return Sampler.alwaysOff();
    }
}
