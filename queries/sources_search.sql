-- purpose: figures, judgements and statements from the council's papers whose words match a search
-- params: q=looked after, doc=all
-- columns: kind, id, what, area, period, value, unit, source_id, source_document, source_line, source_quote, note
WITH hits AS (
    SELECT 'figure' AS kind, obs_id AS id, indicator AS what, area, period, value, unit,
           source_id, source_document, source_line, source_quote, note
    FROM facts WHERE source_kind = 'seed document'
    UNION ALL
    SELECT 'judgement', judgement_id, framework || ': ' || coalesce(outcome, '') || ' ' || coalesce(subject, ''),
           a.area_name, period_label, grade, coalesce(grade_label, ''), source_id,
           source_label(s.kind, s.title, s.short_title, s.publisher, s.published_date), source_line, source_quote, j.note
    FROM judgements j JOIN sources s USING (source_id) LEFT JOIN areas a USING (area_code)
    UNION ALL
    SELECT 'statement', statement_id, t.kind || coalesce(' (' || outcome || ')', '') || ': ' || text, NULL,
           strftime(statement_date, '%B %Y'), NULL, NULL, source_id,  -- month and year: some are dated only so
           source_label(s.kind, s.title, s.short_title, s.publisher, s.published_date), source_line, source_quote, NULL
    FROM statements t JOIN sources s USING (source_id)
)
SELECT * FROM hits
WHERE ($doc = 'all' OR source_id = $doc)
  AND (trim($q) = ''
       OR what ILIKE '%' || trim($q) || '%' OR source_quote ILIKE '%' || trim($q) || '%'
       OR coalesce(area, '') ILIKE '%' || trim($q) || '%' OR coalesce(note, '') ILIKE '%' || trim($q) || '%'
       OR coalesce(CAST(value AS VARCHAR), '') = replace(trim($q), ',', ''))
ORDER BY source_id, source_line, kind
LIMIT 500;
