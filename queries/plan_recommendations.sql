-- purpose: the 17 JAR recommendations (2005) with their group, timescale, outcome, number of actions and source
-- params: none
-- columns: rec_id, text, rec_group, timescale, ecm_outcome, n_actions, source_document, source_line, source_quote
SELECT r.rec_id, r.text, r.rec_group, r.timescale, r.ecm_outcome,
       (SELECT count(*) FROM actions a WHERE a.rec_id = r.rec_id) AS n_actions,
       source_label(s.kind, s.title, s.short_title, s.publisher, s.published_date) AS source_document, r.source_line, r.source_quote
FROM recommendations r
LEFT JOIN sources s USING (source_id)
ORDER BY r.rec_id;
