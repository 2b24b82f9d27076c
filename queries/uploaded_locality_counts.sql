-- purpose: counts uploaded by the council's analysts (validated upload) for one locality or Hereford sub-area
-- params: area_code=LOC-LEOMINSTER
-- columns: indicator_id, indicator, unit, area_code, area_name, area_type, parent_code, period, period_end, value, status, numerator, denominator, note, source_id, source_document
SELECT f.indicator_id, f.indicator, f.unit, f.area_code, f.area AS area_name, f.area_type, f.parent_code, f.period,
       f.period_end, f.value, f.status, f.numerator, f.denominator, f.note, f.source_id, f.source_document
FROM facts f
WHERE f.upload_id IS NOT NULL AND f.area_code = $area_code
ORDER BY f.indicator, f.period_end DESC;
