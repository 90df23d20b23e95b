-- A graduation evaluation counts every session of the robot completed before it was requested, and
-- waits for the summaries still to be made: while it waits, how many (the dashboard shows it).
ALTER TABLE evaluations ADD COLUMN awaiting_summaries integer;
ALTER TABLE evaluations ADD CONSTRAINT evaluations_awaiting_summaries_check
  CHECK (awaiting_summaries IS NULL OR (awaiting_summaries > 0 AND status IN ('queued', 'running')));
