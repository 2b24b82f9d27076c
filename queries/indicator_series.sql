-- purpose: Every figure the store holds for one indicator (all areas and periods) with its provenance, status and note.
-- params: indicator_id=CPP_rate
-- columns: obs_id, indicator_id, indicator, area_code, area, area_type, period, period_start, period_end, value, unit, status, value_type, numerator, denominator, source_document, source_kind, source_id, source_line, source_quote, note, polarity
SELECT obs_id, indicator_id, indicator, area_code, area, area_type, period, period_start, period_end, value, unit,
       status, value_type, numerator, denominator, source_document, source_kind, source_id, source_line,
       source_quote, note, polarity
FROM facts
WHERE indicator_id = $indicator_id
ORDER BY period_end NULLS LAST, area_code = 'E06000019' DESC, area, value_type
