-- The address of the worker instance that accepted a run, when it gave one: recovery and cancel ask that very
-- worker, not whichever one a load balancer picks.
ALTER TABLE dispatches ADD COLUMN worker_url VARCHAR(500);
