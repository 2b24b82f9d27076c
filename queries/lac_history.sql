-- purpose: children looked after in Herefordshire 2006-2025 in one series: counts (the council's papers, DfE's 31 March counts) and rates per 10,000 with England, the West Midlands and the neighbours' mean for the same years
-- params: none
-- columns: panel, series, period, period_end, value, numerator, denominator, source_kind, source_document, source_line, source_quote, note
SELECT 'count' AS panel,
       CASE WHEN source_kind = 'publication' THEN 'Herefordshire' ELSE 'Council papers' END AS series,
       period, period_end, value, numerator, denominator, source_kind, source_document, source_line, source_quote,
       note
FROM facts
WHERE area_code = 'E06000019' AND indicator_id IN ('LACnum', 'profile_looked_after') AND value_type = 'actual'
  AND value IS NOT NULL AND period_end IS NOT NULL
  AND (source_kind <> 'publication' OR (month(period_end) = 3 AND day(period_end) = 31))
UNION ALL
SELECT 'rate', CASE WHEN source_kind = 'publication' THEN 'Herefordshire' ELSE 'Council papers' END,
       period, period_end, value, numerator, denominator, source_kind, source_document, source_line, source_quote,
       note
FROM facts
WHERE area_code = 'E06000019' AND indicator_id = 'LAC' AND value_type = 'actual' AND value IS NOT NULL
  AND period_end IS NOT NULL
UNION ALL
SELECT 'rate', s.series, c.period_label, c.period_end, s.value, NULL, NULL, 'publication', s.doc, NULL, NULL, NULL
FROM comparators c,
     LATERAL (VALUES ('England', c.e, 'DfE (LAIT, SFR underlying data)'),
                     ('West Midlands', c.w, 'DfE (LAIT, SFR underlying data)'),
                     ('Statistical neighbours (mean)', c.sn_mean,
                      'mean of the statistical neighbours (' || coalesce(c.sn_model, '') || ' list)')) s(series, value, doc)
WHERE c.indicator_id = 'LAC' AND s.value IS NOT NULL AND month(c.period_end) = 3 AND day(c.period_end) = 31
ORDER BY panel, series, period_end
