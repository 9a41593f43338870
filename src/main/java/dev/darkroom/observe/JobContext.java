package dev.darkroom.observe;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.propagation.PropagatedContext;
import io.micronaut.core.propagation.ThreadPropagatedContextElement;
import org.slf4j.MDC;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The job a piece of work belongs to, in the MDC of every log line written for it: {@code jobId}, {@code caseId},
 * {@code runId}. It travels in Micronaut's propagated context, so a task handed to another thread through
 * {@link PropagatedContext#wrapCurrent(Runnable)} logs with the same fields, and the thread's own MDC is put back
 * when the task ends (pooled threads carry nothing over to the next job).
 */
public final class JobContext {

    public static final String JOB_ID = "jobId";
    public static final String CASE_ID = "caseId";
    public static final String RUN_ID = "runId";

    private JobContext() {
    }

    /** The current propagated context with this job's fields in place of any other job's. */
    public static PropagatedContext of(String jobId, @Nullable String caseId, @Nullable String runId) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(JOB_ID, jobId);
        if (caseId != null) {
            fields.put(CASE_ID, caseId);
        }
        if (runId != null) {
            fields.put(RUN_ID, runId);
        }
        return with(PropagatedContext.getOrEmpty(), new Fields(fields));
    }

    static PropagatedContext with(PropagatedContext context, Fields fields) {
        return context.find(Fields.class).map(old -> context.replace(old, fields)).orElseGet(() -> context.plus(fields));
    }

    /** The fields, put into the MDC of whichever thread the context is propagated to. */
    record Fields(Map<String, String> values) implements ThreadPropagatedContextElement<Map<String, String>> {

        @Override
        public Map<String, String> updateThreadContext() {
            Map<String, String> before = MDC.getCopyOfContextMap();
            values.forEach(MDC::put);
            return before;
        }

        @Override
        public void restoreThreadContext(@Nullable Map<String, String> before) {
            if (before == null) {
                MDC.clear();
            } else {
                MDC.setContextMap(before);
            }
        }
    }
}
