-- purpose: the 2015 self-assessment's 2014 areas for improvement, each with its evidence of progress
-- params: none
-- columns: area_id, area_date, outcome, area_text, evidence_id, evidence_date, evidence_text, source_document, area_line, area_quote, evidence_line, evidence_quote
SELECT a.statement_id AS area_id, a.statement_date AS area_date, a.outcome, a.text AS area_text,
       e.statement_id AS evidence_id, e.statement_date AS evidence_date, e.text AS evidence_text,
       source_label(s.kind, s.title, s.short_title, s.publisher, s.published_date) AS source_document, a.source_line AS area_line, a.source_quote AS area_quote,
       e.source_line AS evidence_line, e.source_quote AS evidence_quote
FROM statements a
LEFT JOIN statements e ON e.parent_id = a.statement_id AND e.kind = 'evidence of progress'
LEFT JOIN sources s ON s.source_id = a.source_id
WHERE a.kind = 'area for improvement' AND year(a.statement_date) = 2014
ORDER BY a.statement_id, e.statement_id;
