-- Retention deletes old rows a bounded batch at a time, oldest first; these indexes make each batch a range of an
-- index instead of a walk through the table. Webhook receipts have theirs since V1 (received_at), and the idle token
-- buckets theirs since V11 (expires_at). A job's tasks, images, dispatches, events, traces, callback and callback
-- attempts go with the job (ON DELETE CASCADE), each found through an index that begins with the job's id.
-- Status first: a prune asks for the terminal states only, so each of them is a range of finished_at here.
CREATE INDEX jobs_status_finished_idx ON jobs (status, finished_at);
CREATE INDEX provider_predictions_created_idx ON provider_predictions (created_at);
