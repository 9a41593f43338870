package dev.darkroom.job.callback;

/**
 * Where a job's callback stands. WAITING: the job has not ended; DUE: its event waits for (another) attempt;
 * DELIVERED: the backend answered 2xx; GAVE_UP: the retries ran out, or the backend said 410 or another final 4xx.
 * A new end of the job (after a retry) makes any of them DUE again with a new event.
 */
public enum CallbackStatus {
    WAITING, DUE, DELIVERED, GAVE_UP;

    public String wireName() {
        return name().toLowerCase().replace('_', '-');
    }
}
