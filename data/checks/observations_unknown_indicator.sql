-- Observations whose indicator is not in the indicators table.
SELECT DISTINCT o.indicator_id FROM observations o ANTI JOIN indicators i USING (indicator_id)
