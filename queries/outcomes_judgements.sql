-- purpose: every judgement in the store with the document and line it was read from, oldest first
-- params: none
-- columns: judgement_id, framework, judgement_date, period_label, outcome, subject, grade, grade_label, scale, source_document, source_line, source_quote, note
SELECT j.judgement_id, j.framework, j.judgement_date, j.period_label, j.outcome, j.subject, j.grade, j.grade_label,
       j.scale, source_label(s.kind, s.title, s.short_title, s.publisher, s.published_date) AS source_document, j.source_line, j.source_quote, j.note
FROM judgements j
JOIN sources s USING (source_id)
ORDER BY j.judgement_date NULLS FIRST, j.framework, j.outcome, j.source_line;
