package dev.darkroom.status;

import dev.darkroom.job.JobStatus;
import dev.darkroom.job.JobVersion;
import dev.darkroom.problem.ProblemException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Answers a poll from the version of the job just read: not modified when the client holds that version's tag,
 * else the view as JSON, rendered once per version on this node. Only a view not yet rendered reads the job's
 * images. A job waiting for a worker ({@code pending}) is the exception: its view carries its place in the queue,
 * which changes with no change to the job, so it is rendered for every poll and never answered 304.
 */
@Singleton
public class JobPolls {

    /** What a poll gets: the view's tag, whether the job has ended, and the view itself unless it is not modified. */
    public record Poll(String etag, boolean finished, @Nullable byte[] json) {

        public boolean notModified() {
            return json == null;
        }
    }

    private final JobQueries queries;
    private final RenderedViews rendered;
    private final JsonMapper json;

    public JobPolls(JobQueries queries, RenderedViews rendered, JsonMapper json) {
        this.queries = queries;
        this.rendered = rendered;
        this.json = json;
    }

    /** {@code current} is what the caller just read and was allowed to read. */
    public Poll poll(JobVersion current, @Nullable String ifNoneMatch) {
        if (current.status() == JobStatus.PENDING) {
            return render(current.id());
        }
        String etag = ViewTag.of(current);
        boolean finished = current.status().isTerminal();
        if (ViewTag.matches(ifNoneMatch, etag)) {
            return new Poll(etag, finished, null);
        }
        return rendered.at(current.id(), current.version())
                .map(bytes -> new Poll(etag, finished, bytes))
                .orElseGet(() -> render(current.id()));
    }

    /** The job and its images as one read saw them; the tag is that read's version, which may be newer. */
    private Poll render(String jobId) {
        JobSnapshot snapshot = queries.job(jobId).orElseThrow(() -> ProblemException.notFound("no job " + jobId));
        JobVersion read = new JobVersion(jobId, snapshot.job().status(), snapshot.job().version());
        // A waiting job's place in the queue moves as the runs ahead go out, while its row stays as it is: its view
        // is rendered for each poll, never kept here and never answered 304 (see poll).
        boolean waiting = snapshot.job().status() == JobStatus.PENDING;
        JobView view = JobView.of(snapshot);
        if (waiting) {
            view = queries.queueSpot(jobId).map(spot -> JobView.of(snapshot).withQueue(spot.position(),
                    spot.waitingSince())).orElse(view);
        }
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(view);
        } catch (IOException e) {
            throw new UncheckedIOException("the view of job " + jobId + " cannot be written", e);
        }
        if (!waiting) {
            rendered.keep(jobId, read.version(), bytes);
        }
        return new Poll(ViewTag.of(read), read.status().isTerminal(), bytes);
    }
}
