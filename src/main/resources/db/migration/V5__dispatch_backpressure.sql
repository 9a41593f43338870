-- Due dispatches are claimed oldest first (a busy worker moves due_at around, never the age).
CREATE INDEX dispatches_status_created_idx ON dispatches (status, created_at);

-- The last time a job's run made real progress: sent, started, an image outcome, a new attempt. Heartbeats move
-- last_activity_at only, so a run that keeps saying it is alive without making anything is still found.
-- The default keeps nodes of the previous version, which do not know the column, creating jobs during a rolling
-- upgrade.
ALTER TABLE jobs ADD COLUMN last_progress_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP;
UPDATE jobs SET last_progress_at = last_activity_at;
ALTER TABLE jobs ALTER COLUMN last_progress_at SET NOT NULL;
CREATE INDEX jobs_status_progress_idx ON jobs (status, last_progress_at);
