-- purpose: every progress report entry on the plan (per action or per recommendation) with its date and source
-- params: none
-- columns: progress_id, rec_id, action_id, report_date, report_label, progress_text, source_id, source_document, source_line, source_quote
SELECT p.progress_id, p.rec_id, p.action_id, p.report_date, p.report_label, p.progress_text,
       p.source_id, source_label(s.kind, s.title, s.short_title, s.publisher, s.published_date) AS source_document, p.source_line, p.source_quote
FROM progress_reports p
LEFT JOIN sources s USING (source_id)
ORDER BY p.report_date, p.rec_id, p.progress_id;
