-- purpose: every observation of the given education indicators for Herefordshire and its comparators, with provenance
-- params: ids=KS2RWM_Expected_STD|DAP_NEW_KS2_RWM|NonDAP_NEW_KS2_RWM, areas=E06000019|E92000001|E12000005
-- columns: indicator_id, indicator, unit, polarity, area_code, area, period, period_end, value, status, value_type, source_kind, source_document, source_line, source_quote, note
SELECT indicator_id, indicator, unit, polarity, area_code, area, period, period_end, value, status, value_type,
       source_kind, source_document, source_line, source_quote, note
FROM facts
WHERE indicator_id IN (SELECT unnest($ids::VARCHAR[]))
  AND area_code IN (SELECT unnest($areas::VARCHAR[]))
ORDER BY indicator_id, area_code, period_end NULLS LAST, source_line;
