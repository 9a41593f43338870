-- The jobs list (GET /v1/jobs) is newest first, in keyset pages: each page is an index range that starts where the
-- cursor points and stops after the page's rows, whatever the number of jobs kept. Without a status filter it walks
-- the jobs by creation; with one, each status has its own range, which also counts a terminal status up to a bound
-- (GET /v1/ops/counts). A case prefix takes jobs_case_created_idx (V1), or the first index with a filter, whichever
-- the planner finds cheaper.
CREATE INDEX jobs_created_idx ON jobs (created_at DESC, id DESC);
CREATE INDEX jobs_status_created_idx ON jobs (status, created_at DESC, id DESC);
