-- Limits that hold for every node at once when the nodes share PostgreSQL. On H2 (one node) the limits live in the
-- node's memory and these tables stay empty.

-- Token buckets of bucket4j's PostgreSQL backend (one row per bucket, locked with SELECT ... FOR UPDATE for each
-- take): a provider's requests per minute, and each caller's job creations per minute. state is bucket4j's own
-- serialized form; expires_at (epoch milliseconds) is when an idle bucket is full again and its row can go.
CREATE TABLE limit_buckets (
    id          VARCHAR(200) PRIMARY KEY,
    state       BYTEA,
    expires_at  BIGINT
);
CREATE INDEX limit_buckets_expires_idx ON limit_buckets (expires_at);

-- A provider's calls in flight: one row per slot (0 to max-in-flight - 1), held by one call at a time. The holder is
-- the node, which renews its leases while it lives, so the slots of a node that was killed come back once their
-- lease has run out; lease_id tells one call's hold from the next one on the same slot.
CREATE TABLE limit_slots (
    scope       VARCHAR(64) NOT NULL,
    slot        INT         NOT NULL,
    holder      VARCHAR(36),
    lease_id    VARCHAR(36),
    expires_at  TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (scope, slot)
);

-- Until when a provider asked every caller to hold back (a 429's Retry-After). Only ever moved forward.
CREATE TABLE limit_pauses (
    scope         VARCHAR(64) PRIMARY KEY,
    paused_until  TIMESTAMP WITH TIME ZONE NOT NULL
);
