package dev.darkroom.security;

/**
 * What a caller may do, as named in the {@code scope} claim of its token (space-separated, per RFC 8693).
 * The rules themselves live in {@link AccessRules}; docs/security.md explains them.
 */
public final class Scopes {

    /** Create jobs, retry and cancel them. Held by the game backend. */
    public static final String JOBS_WRITE = "jobs:write";
    /** Read any job and its images. Held by the game backend and operators. */
    public static final String JOBS_READ = "jobs:read";
    /**
     * Look, without changing anything: the node's metrics ({@code /metrics}), the details of its health, and what the
     * dashboard shows (the jobs list, counts, providers, every job, its timeline, images and event stream). Held by
     * monitoring and operators.
     */
    public static final String OPS_READ = "ops:read";
    /** An operator's hand on jobs: retry, cancel, send the completion callback again. Not creating. */
    public static final String OPS_WRITE = "ops:write";

    private static final String ONE_JOB = "job:";

    private Scopes() {
    }

    /** The scope of a poll token: read this one job and its images, nothing else. */
    public static String oneJob(String jobId) {
        return ONE_JOB + jobId;
    }
}
