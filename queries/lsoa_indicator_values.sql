-- purpose: an LSOA-level deprivation measure in one release for Herefordshire's LSOAs (those best-fitted to its wards), all of them or one locality/sub-area's
-- params: indicator_id=imd_lsoa_decile, period=IoD 2025, area=all
-- columns: area_code, area_name, ward_code, ward_name, locality_code, locality_name, sub_area_code, value, status, note, period, period_end, indicator, unit, decimals, polarity, source_document
WITH here AS (
    SELECT a.area_code, w.ward_code, w.ward_name, w.locality AS locality_code, l.area_name AS locality_name,
           w.sub_area AS sub_area_code
    FROM areas a
    JOIN ward_locality w ON w.ward_code = a.parent_code
    LEFT JOIN areas l ON l.area_code = w.locality
    WHERE a.area_type = 'LSOA'
      AND ($area IN ('all', 'E06000019')
           OR $area IN (w.locality, w.sub_area)
           -- Hereford City without South Wye: the city's north-of-Wye and rural-fringe wards
           OR ($area = 'LOC-HEREFORD-CITY-EXCL-SW' AND w.locality = 'LOC-HEREFORD-CITY'
               AND w.sub_area <> 'LOC-SOUTH-WYE'))
)
SELECT f.area_code, f.area AS area_name, h.ward_code, h.ward_name, h.locality_code, h.locality_name,
       h.sub_area_code, f.value, f.status, f.note, f.period, f.period_end, f.indicator, f.unit, f.decimals,
       f.polarity, f.source_document
FROM local_facts f
JOIN here h USING (area_code)
WHERE f.indicator_id = $indicator_id AND f.period = $period
ORDER BY f.value, f.area_code;
