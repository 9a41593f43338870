package dev.darkroom.status;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * This node's copies of job views as JSON bytes, one per job, each under the version of the row it was rendered
 * from. A copy is handed out only for the version the caller has just read from the database, so the database
 * stays the only truth: a stale copy is never served, it is replaced. Bounded by bytes; when full, some copies go.
 */
@Singleton
public class RenderedViews {

    private record Rendered(long version, byte[] json) {
    }

    private final Map<String, Rendered> byJob = new ConcurrentHashMap<>();
    private final AtomicLong bytes = new AtomicLong();
    private final long budget;

    public RenderedViews(@Value("${darkroom.status.view-cache-bytes:16777216}") long budget) {
        this.budget = budget;
    }

    /** The job's view as rendered at exactly {@code version}; empty for any other version. */
    public Optional<byte[]> at(String jobId, long version) {
        Rendered rendered = byJob.get(jobId);
        return rendered != null && rendered.version() == version ? Optional.of(rendered.json()) : Optional.empty();
    }

    /** Keeps the newest version's copy of a job; a copy of an older version than the one kept is dropped. */
    public void keep(String jobId, long version, byte[] json) {
        if (json.length > budget) {
            return;
        }
        byJob.compute(jobId, (id, old) -> {
            if (old != null && old.version() >= version) {
                return old;
            }
            bytes.addAndGet(json.length - (old == null ? 0 : old.json().length));
            return new Rendered(version, json);
        });
        evictOverBudget(jobId);
    }

    /** Bytes held now, for tests and for a look at the node. */
    long size() {
        return bytes.get();
    }

    /** Drops copies until the budget holds, never the one just kept: it is the one about to be asked for. */
    private void evictOverBudget(String kept) {
        Iterator<Map.Entry<String, Rendered>> copies = byJob.entrySet().iterator();
        while (bytes.get() > budget && copies.hasNext()) {
            Map.Entry<String, Rendered> copy = copies.next();
            if (!copy.getKey().equals(kept) && byJob.remove(copy.getKey(), copy.getValue())) {
                bytes.addAndGet(-copy.getValue().json().length);
            }
        }
    }
}
