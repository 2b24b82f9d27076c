-- purpose: an LSOA-level deprivation measure in one release for the LSOAs of the county or of one locality/sub-area (best-fit ward)
-- params: indicator_id=imd_lsoa_decile, period=IoD 2025, area=all
-- columns: area_code, area_name, ward_code, ward_name, locality_code, locality_name, sub_area_code, value, status, note, period, period_end, indicator, unit, decimals, polarity, source_document
SELECT f.area_code, f.area AS area_name, w.ward_code, w.ward_name, w.locality AS locality_code,
       l.area_name AS locality_name, w.sub_area AS sub_area_code, f.value, f.status, f.note, f.period,
       f.period_end, f.indicator, f.unit, i.decimals, f.polarity, f.source_document
FROM facts f
JOIN indicators i USING (indicator_id)
JOIN areas a ON a.area_code = f.area_code
LEFT JOIN ward_locality w ON w.ward_code = a.parent_code
LEFT JOIN areas l ON l.area_code = w.locality
WHERE f.indicator_id = $indicator_id AND f.period = $period AND f.area_type = 'LSOA'
  AND ($area IN ('all', 'E06000019')
       OR $area IN (w.locality, w.sub_area)
       -- Hereford City without South Wye: the city's north-of-Wye and rural-fringe wards
       OR ($area = 'LOC-HEREFORD-CITY-EXCL-SW' AND w.locality = 'LOC-HEREFORD-CITY' AND w.sub_area <> 'LOC-SOUTH-WYE'))
ORDER BY f.value, f.area_code;
