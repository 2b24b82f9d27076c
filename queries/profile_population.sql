-- purpose: Herefordshire's child population over time: ONS mid-year estimates of 0-17 year olds and the population figures in the council's papers, each in its own age band
-- params: from_year=2005
-- columns: indicator_id, series, period, period_end, value, status, value_type, unit, source_kind, source_document, source_line, source_quote, note
SELECT indicator_id,
       CASE indicator_id WHEN 'pop_0_17' THEN 'Herefordshire'
                         WHEN 'profile_all_children' THEN 'All children and young people (profile of need)'
                         WHEN 'pop_0_19' THEN 'Aged 0-19'
                         WHEN 'pop_0_16' THEN 'Aged 0-16' END AS series,
       period, period_end, value, status, value_type, unit, source_kind, source_document, source_line, source_quote, note
FROM facts
WHERE area_code = 'E06000019'
  AND indicator_id IN ('pop_0_17', 'profile_all_children', 'pop_0_19', 'pop_0_16')
  AND period_end IS NOT NULL AND year(period_end) >= $from_year
ORDER BY period_end, indicator_id;
