-- Inspection judgements whose source is not in the sources table.
SELECT DISTINCT j.source_id FROM judgements j ANTI JOIN sources s USING (source_id)
