-- purpose: one indicator's figures for Herefordshire, England and the West Midlands over time, every source kind
-- params: indicator_id=LAC, from_year=2005
-- columns: area_code, series, period, period_start, period_end, value, status, value_type, numerator, denominator, unit, source_kind, source_document, source_line, source_quote, note
SELECT area_code,
       CASE area_code WHEN 'E06000019' THEN 'Herefordshire' WHEN 'E92000001' THEN 'England'
                      ELSE 'West Midlands' END AS series,
       period, period_start, period_end, value, status, value_type, numerator, denominator, unit,
       source_kind, source_document, source_line, source_quote, note
FROM facts
WHERE indicator_id = $indicator_id
  AND area_code IN ('E06000019', 'E92000001', 'E12000005')
  AND period_end IS NOT NULL
  AND year(period_end) >= $from_year
ORDER BY period_end, area_code, source_kind DESC;
