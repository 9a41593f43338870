package dev.darkroom.security;

import dev.darkroom.problem.ProblemException;
import io.micronaut.http.HttpStatus;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;

/**
 * The one place that decides who may read what. Creating needs {@link Scopes#JOBS_WRITE}, and retry, cancel and
 * redeliver {@link Scopes#JOBS_WRITE} or {@link Scopes#OPS_WRITE} (checked by {@code @Secured} on the endpoints);
 * reading a job, its images, its stream or its timeline needs {@link Scopes#JOBS_READ}, {@link Scopes#OPS_READ}
 * or the poll token of that very job.
 */
@Singleton
public class AccessRules {

    public void requireRead(Authentication caller, String jobId) {
        if (!canRead(caller, jobId)) {
            throw new ProblemException(HttpStatus.FORBIDDEN, "forbidden",
                    "this token may not read job " + jobId);
        }
    }

    public boolean canRead(Authentication caller, String jobId) {
        return canReadEveryJob(caller) || caller.getRoles().contains(Scopes.oneJob(jobId));
    }

    /** The game backend and operators read every job; a poll token reads only its own. */
    public boolean canReadEveryJob(Authentication caller) {
        return caller.getRoles().contains(Scopes.JOBS_READ) || caller.getRoles().contains(Scopes.OPS_READ);
    }
}
