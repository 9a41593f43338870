package dev.darkroom.security;

/**
 * What a caller may do, as named in the {@code scope} claim of its token (space-separated, per RFC 8693).
 * The rules themselves live in {@link AccessRules}; docs/security.md explains them.
 */
public final class Scopes {

    /** Create jobs (and, later, retry and cancel them). Held by the game backend. */
    public static final String JOBS_WRITE = "jobs:write";
    /** Read any job and its images. Held by the game backend and operators. */
    public static final String JOBS_READ = "jobs:read";
    /** Read the node's metrics ({@code /metrics}) and the details of its health. Held by monitoring. */
    public static final String OPS_READ = "ops:read";

    private static final String ONE_JOB = "job:";

    private Scopes() {
    }

    /** The scope of a poll token: read this one job and its images, nothing else. */
    public static String oneJob(String jobId) {
        return ONE_JOB + jobId;
    }
}
