-- Improvement-plan actions whose recommendation is not in the recommendations table.
SELECT DISTINCT a.action_id, a.rec_id FROM actions a ANTI JOIN recommendations r USING (rec_id)
