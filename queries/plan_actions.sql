-- purpose: every action of the JAR improvement plan with its lead, partners, target date and success measures
-- params: none
-- columns: action_id, rec_id, text, lead, partners, target_date, target_text, success_measures, source_id, source_document, source_line, source_quote
SELECT a.action_id, a.rec_id, a.text, a.lead, a.partners, a.target_date, a.target_text, a.success_measures,
       a.source_id, source_label(s.kind, s.title, s.short_title, s.publisher, s.published_date) AS source_document, a.source_line, a.source_quote
FROM actions a
LEFT JOIN sources s USING (source_id)
ORDER BY a.rec_id, TRY_CAST(split_part(a.action_id, '.', 2) AS INTEGER);
