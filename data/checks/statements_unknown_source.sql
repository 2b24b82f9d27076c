-- Statements (strengths, areas for improvement) whose source is not in the sources table.
SELECT DISTINCT t.source_id FROM statements t ANTI JOIN sources s USING (source_id)
