-- purpose: figures from the council's papers on chosen topics (disability, domestic abuse, levels of need), each with its document, line and quote
-- params: topics=Disability|Domestic abuse
-- columns: topic, indicator_id, indicator, area, period, period_end, value, unit, status, value_type, source_document, source_line, source_quote, note
SELECT topic, indicator_id, indicator, area, period, period_end, value, unit, status, value_type,
       source_document, source_line, source_quote, note
FROM facts
WHERE source_kind = 'seed document'
  AND (topic IN (SELECT unnest($topics::VARCHAR[])) OR indicator_id LIKE 'ccm_level%')
ORDER BY topic, period_end NULLS LAST, source_line;
