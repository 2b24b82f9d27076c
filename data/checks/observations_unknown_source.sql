-- Observations whose source is not in the sources table.
SELECT DISTINCT o.source_id FROM observations o ANTI JOIN sources s USING (source_id)
