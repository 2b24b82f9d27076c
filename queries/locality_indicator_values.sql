-- purpose: one indicator in one release for every locality, Hereford sub-area, the county and England
-- params: indicator_id=imd_lsoa_pct_most_deprived_20, period=IoD 2025
-- columns: area_code, area_name, area_type, parent_code, value, numerator, denominator, status, note, period, period_end, indicator, unit, decimals, polarity, source_document
SELECT f.area_code, f.area AS area_name, f.area_type, f.parent_code, f.value, f.numerator, f.denominator,
       f.status, f.note, f.period, f.period_end, f.indicator, f.unit, f.decimals, f.polarity, f.source_document
FROM local_facts f
WHERE f.indicator_id = $indicator_id AND f.period = $period AND f.value_type = 'actual'
  AND (f.area_type IN ('locality', 'sub-locality') OR f.area_code IN ('E06000019', 'E92000001'))
ORDER BY CASE f.area_type WHEN 'locality' THEN 0 WHEN 'sub-locality' THEN 1 WHEN 'local authority' THEN 2 ELSE 3 END,
         f.area;
