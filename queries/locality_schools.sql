-- purpose: open schools (GIAS, May 2025) placed in their 2025 ward, locality and Hereford sub-area by point in polygon
-- params: area_code=LOC-LEOMINSTER
-- columns: urn, name, type, phase, pupils, pct_fsm, lon, lat, ward_name, locality_code, locality_name, sub_area_name
-- area_code 'all' (or the county code) lists every school; a Hereford sub-area or LOC-HEREFORD-CITY-EXCL-SW its own.
SELECT s.urn, s.name, s.type, s.phase, s.pupils, s.pct_fsm, s.lon, s.lat, w.ward_name,
       s.locality AS locality_code, l.area_name AS locality_name, sa.area_name AS sub_area_name
FROM schools s
JOIN ward_locality w USING (ward_code)
JOIN areas l ON l.area_code = s.locality
LEFT JOIN areas sa ON sa.area_code = s.sub_area
WHERE $area_code IN ('all', 'E06000019') OR s.locality = $area_code OR s.sub_area = $area_code
   OR ($area_code = 'LOC-HEREFORD-CITY-EXCL-SW' AND s.locality = 'LOC-HEREFORD-CITY'
       AND s.sub_area <> 'LOC-SOUTH-WYE')
ORDER BY l.area_name, s.phase, s.name;
