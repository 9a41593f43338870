-- Which provider made each image, and what it cost at the price configured when it was made.
ALTER TABLE image_tasks ADD COLUMN provider VARCHAR(32);
ALTER TABLE image_tasks ADD COLUMN cost NUMERIC(12, 6);

-- Asynchronous providers (Replicate, fal.ai): one row per prediction, so that whichever node receives the
-- provider's callback can mark it done, and the worker waiting for it sees that through the database.
CREATE TABLE provider_predictions (
    id             VARCHAR(200)  PRIMARY KEY,   -- provider:prediction id
    provider       VARCHAR(32)   NOT NULL,
    prediction_id  VARCHAR(160)  NOT NULL,
    job_id         VARCHAR(36)   NOT NULL,
    image_id       VARCHAR(64)   NOT NULL,
    run_id         VARCHAR(36)   NOT NULL,
    status         VARCHAR(16)   NOT NULL,
    output_url     VARCHAR(2000),
    error          VARCHAR(1000),
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    completed_at   TIMESTAMP WITH TIME ZONE,
    version        BIGINT        NOT NULL
);
CREATE INDEX provider_predictions_image_idx ON provider_predictions (provider, job_id, image_id, created_at);
