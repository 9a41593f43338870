-- One schema for H2 (PostgreSQL mode) and PostgreSQL.

CREATE TABLE jobs (
    id               VARCHAR(36)  PRIMARY KEY,
    case_id          VARCHAR(64)  NOT NULL,
    -- Equals case_id while the job is active and NULL once it is terminal: the unique index below makes
    -- "one active job per case" a fact the database enforces, even for two requests racing on two nodes.
    active_case_id   VARCHAR(64),
    status           VARCHAR(16)  NOT NULL,
    attempt          INT          NOT NULL,
    run_id           VARCHAR(36)  NOT NULL,
    idempotency_key  VARCHAR(128),
    request_hash     VARCHAR(64)  NOT NULL,
    failure_reason   VARCHAR(500),
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    started_at       TIMESTAMP WITH TIME ZONE,
    finished_at      TIMESTAMP WITH TIME ZONE,
    last_activity_at TIMESTAMP WITH TIME ZONE NOT NULL,
    version          BIGINT       NOT NULL
);
CREATE UNIQUE INDEX jobs_active_case_uq ON jobs (active_case_id);
CREATE UNIQUE INDEX jobs_idempotency_key_uq ON jobs (idempotency_key);
CREATE INDEX jobs_case_created_idx ON jobs (case_id, created_at);
CREATE INDEX jobs_status_activity_idx ON jobs (status, last_activity_at);

CREATE TABLE image_tasks (
    id             VARCHAR(36)   PRIMARY KEY,
    job_id         VARCHAR(36)   NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    item_id        VARCHAR(64)   NOT NULL,
    position       INT           NOT NULL,
    kind           VARCHAR(16)   NOT NULL,
    name           VARCHAR(200)  NOT NULL,
    description    VARCHAR(2000) NOT NULL,
    status         VARCHAR(16)   NOT NULL,
    run_id         VARCHAR(36),
    error_code     VARCHAR(64),
    error_message  VARCHAR(1000),
    content_type   VARCHAR(64),
    width          INT,
    height         INT,
    byte_size      INT,
    sha256         VARCHAR(64),
    finished_at    TIMESTAMP WITH TIME ZONE,
    version        BIGINT        NOT NULL,
    CONSTRAINT image_tasks_job_item_uq UNIQUE (job_id, item_id)
);

-- Image bytes live apart from the task rows so that polling a job never drags blobs along.
CREATE TABLE images (
    task_id  VARCHAR(36) PRIMARY KEY REFERENCES image_tasks (id) ON DELETE CASCADE,
    data     BYTEA       NOT NULL
);

CREATE TABLE dispatches (
    id          VARCHAR(36)  PRIMARY KEY,
    job_id      VARCHAR(36)  NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    run_id      VARCHAR(36)  NOT NULL,
    status      VARCHAR(16)  NOT NULL,
    -- For a DUE dispatch: when it may next be claimed. A claim pushes it forward by the lease, so a node
    -- that dies mid-send leaves a dispatch that simply becomes due again.
    due_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    tries       INT          NOT NULL,
    last_error  VARCHAR(500),
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    version     BIGINT       NOT NULL
);
CREATE INDEX dispatches_status_due_idx ON dispatches (status, due_at);
CREATE INDEX dispatches_job_idx ON dispatches (job_id);

-- Webhook ids already applied: a redelivery is acknowledged and not applied twice.
CREATE TABLE webhook_receipts (
    webhook_id   VARCHAR(128) PRIMARY KEY,
    job_id       VARCHAR(36)  NOT NULL,
    received_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX webhook_receipts_received_idx ON webhook_receipts (received_at);
