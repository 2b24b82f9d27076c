-- purpose: strengths and areas for improvement per Every Child Matters outcome, each with its document and line
-- params: kinds=strength|area for improvement
-- columns: statement_id, statement_date, kind, outcome, text, source_document, source_line, source_quote
SELECT st.statement_id, st.statement_date, st.kind, st.outcome, st.text,
       source_label(s.kind, s.title, s.short_title, s.publisher, s.published_date) AS source_document, st.source_line, st.source_quote
FROM statements st
JOIN sources s USING (source_id)
WHERE st.kind IN (SELECT unnest($kinds::VARCHAR[]))
ORDER BY st.outcome, st.statement_date NULLS LAST, st.source_id, st.source_line;
