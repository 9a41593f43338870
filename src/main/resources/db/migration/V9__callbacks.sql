-- The completion callback of a job: where the game backend wants to hear that the job ended, and the outbox of that
-- one event. The row is written with the job; each end of the job (a retry can end it again) makes it due with a
-- fresh message id in the transaction that ends the job, so a crash between the end and the delivery loses nothing.
CREATE TABLE callbacks (
    job_id        VARCHAR(36)   PRIMARY KEY REFERENCES jobs (id) ON DELETE CASCADE,
    url           VARCHAR(2048) NOT NULL,
    -- WAITING until the job ends; then DUE (a delivery loop claims it by pushing due_at on by a lease, as the
    -- dispatcher does), DELIVERED, or GAVE_UP.
    status        VARCHAR(16)   NOT NULL,
    -- The webhook-id: the same for every attempt at one event, so the receiver can drop duplicates.
    message_id    VARCHAR(36),
    -- The event's body, fixed at its first attempt, so every retry signs and sends the same bytes.
    payload       TEXT,
    due_at        TIMESTAMP WITH TIME ZONE,
    -- When the event became due: retries stop once darkroom.callbacks.retry-for has passed since then.
    ended_at      TIMESTAMP WITH TIME ZONE,
    tries         INT           NOT NULL,
    version       BIGINT        NOT NULL
);
CREATE INDEX callbacks_status_due_idx ON callbacks (status, due_at);

-- Every attempt at delivering a callback, shown in the job view.
CREATE TABLE callback_attempts (
    id              VARCHAR(36)  PRIMARY KEY,
    job_id          VARCHAR(36)  NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    message_id      VARCHAR(36)  NOT NULL,
    attempted_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    -- NULL when no answer came (a refused connection, a timeout); error says what happened instead.
    status_code     INT,
    error           VARCHAR(500),
    duration_ms     BIGINT       NOT NULL,
    -- When the next attempt is due; NULL when this one was the last.
    next_attempt_at TIMESTAMP WITH TIME ZONE
);
CREATE INDEX callback_attempts_job_idx ON callback_attempts (job_id, attempted_at);
