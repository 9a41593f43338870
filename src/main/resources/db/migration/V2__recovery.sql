-- How often recovery had to step in for a job: a run that went silent, a worker that vanished.
ALTER TABLE jobs ADD COLUMN recoveries INT NOT NULL DEFAULT 0;
