-- Until when a recovery node has a quiet job in hand: no other recovery node takes it before then. A run that
-- heartbeats without progress stays quiet by its progress however often it is looked at, so its activity alone
-- cannot keep a second node off it. Written only by recovery's claim; NULL for a job no recovery node holds.
ALTER TABLE jobs ADD COLUMN recovery_held_until TIMESTAMP WITH TIME ZONE;
