-- purpose: strengths and areas for improvement per Every Child Matters outcome stated in a given year (2007 APA, 2015 self-assessment)
-- params: year=2007
-- columns: statement_id, statement_date, kind, outcome, text, source_document, source_line, source_quote
SELECT t.statement_id, t.statement_date, t.kind, t.outcome, t.text,
       source_label(s.kind, s.title, s.short_title, s.publisher, s.published_date) AS source_document, t.source_line, t.source_quote
FROM statements t
LEFT JOIN sources s USING (source_id)
WHERE t.kind IN ('strength', 'area for improvement') AND year(t.statement_date) = CAST($year AS INTEGER)
ORDER BY CASE t.outcome WHEN 'Be healthy' THEN 1 WHEN 'Stay safe' THEN 2 WHEN 'Enjoy and achieve' THEN 3
                        WHEN 'Make a positive contribution' THEN 4 WHEN 'Achieve economic well-being' THEN 5
                        ELSE 6 END,
         t.kind DESC, t.statement_id;
