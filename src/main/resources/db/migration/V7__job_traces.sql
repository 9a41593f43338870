-- The W3C trace context of the request that created a job, so that its dispatch, run and webhooks (other threads,
-- other nodes, after restarts) join the same trace. Written only while traces are sampled.
CREATE TABLE job_traces (
    job_id       VARCHAR(36) PRIMARY KEY REFERENCES jobs (id) ON DELETE CASCADE,
    trace_parent VARCHAR(55) NOT NULL
);
